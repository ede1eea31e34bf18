namespace OrleansFib.Hosting;

/// <summary>How a process joins the Orleans cluster (configuration section <c>Cluster</c>): the same on silos and gateways.</summary>
public sealed class OrleansHostingOptions
{
    public const string SectionName = "Cluster";

    /// <summary>
    /// Where membership lives: <c>localhost</c> (one silo, development) or <c>redis:HOST:PORT</c> (a real
    /// cluster). On the gateway, empty means "co-host one silo in this process" (the one-command dev run).
    /// </summary>
    public string? Clustering { get; set; }

    /// <summary>The cluster's name: silos and clients with the same cluster id (and service id) find each other.</summary>
    public string ClusterId { get; set; } = "orleansfib";

    public string ServiceId { get; set; } = "orleansfib";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients (gateways) connect to; 0 on a co-hosted silo: it has no external clients.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The IP address the silo advertises to the cluster (a pod's IP); unset: loopback for <c>localhost</c> clustering, else the first non-loopback interface.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// The Orleans Dashboard at <c>/dashboard</c> of the operations port (no authentication: keep that port
    /// private). Off by default: every silo then samples Orleans' meters each second whether or not anybody
    /// looks. Silos and gateways must agree.
    /// </summary>
    public bool Dashboard { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Clustering);
}
