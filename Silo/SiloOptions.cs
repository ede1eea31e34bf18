namespace OrleansFib.Silo;

/// <summary>The silo's endpoints and shutdown (configuration section <c>Silo</c>, environment <c>Silo__Port</c> style).</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Silo";

    /// <summary>The address to listen on: <c>*</c> for every interface, or an IP address.</summary>
    public string Address { get; set; } = "*";

    /// <summary>The grain port: HTTP/2 without TLS, for gateways only.</summary>
    public int Port { get; set; } = 11111;

    /// <summary>The operations port: HTTP/1.1 health probes and statistics.</summary>
    public int HealthPort { get; set; } = 8081;

    /// <summary>The deadline of a call that does not carry one.</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>On SIGTERM, how long in-flight calls may take to finish; new calls are refused at once.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
