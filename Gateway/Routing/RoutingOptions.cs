using System.ComponentModel.DataAnnotations;
namespace OrleansFib.Gateway.Routing;

/// <summary>How the gateway sends requests to silos (configuration section <c>Routing</c>).</summary>
public sealed class RoutingOptions
{
    public const string SectionName = "Routing";

    /// <summary>Requests with n up to this are answered in the gateway, cheaper than a network hop; -1 sends everything to the silos.</summary>
    [Range(-1, int.MaxValue)]
    public int LocalMaxN { get; set; } = 20;

    /// <summary>Silos one request may try before it is answered <c>ERR unavailable</c>.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>How long a silo that failed a call gets no calls; doubled on each failure in a row, up to <see cref="MaxEjection"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan Ejection { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan MaxEjection { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the gateway asks the cluster which silos are active.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a silo may take to answer beyond the work it has from this gateway (at a nanosecond per
    /// cost unit, on one core): past that the call is cancelled and tried on another silo. A silo killed
    /// with -9 answers nothing, and Orleans would wait its whole response timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.01", "01:00:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
