using System.ComponentModel.DataAnnotations;
using OrleansFib.Hosting;

namespace OrleansFib.Silo;

/// <summary>The silo's operations port and shutdown (configuration section <c>Silo</c>); its cluster settings are in <c>Cluster</c>.</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Silo";

    /// <summary>
    /// The address the operations port listens on: <c>*</c> for every interface, or an IP address. Loopback
    /// by default: the port has no authentication (containers and Kubernetes set <c>*</c> for their probes).
    /// </summary>
    [ListenAddress]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The operations port: HTTP/1.1 health probes, statistics and metrics.</summary>
    [Range(0, 65535)]
    public int HttpPort { get; set; } = 8081;

    /// <summary>On SIGTERM, how long the silo may take to leave the cluster and finish the calls in flight.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
