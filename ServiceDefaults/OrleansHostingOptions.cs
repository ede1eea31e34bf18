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
    /// The IP address the silo and gateway ports listen on (<c>0.0.0.0</c>: every interface); unset: the advertised
    /// address only, so a silo is not reachable on interfaces it does not name.
    /// </summary>
    public string? ListenAddress { get; set; }

    /// <summary>
    /// The Orleans Dashboard at <c>/dashboard</c> of the operations port (no authentication: keep that port
    /// private). Off by default: every silo then samples Orleans' meters each second whether or not anybody
    /// looks. Silos and gateways must agree.
    /// </summary>
    public bool Dashboard { get; set; }

    /// <summary>
    /// After SIGTERM, how long past its drain timeout a process may take to leave the cluster (write its status to
    /// the membership table) before it exits anyway; its peers' probes then find it gone.
    /// </summary>
    public TimeSpan LeaveTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Clustering);
}
