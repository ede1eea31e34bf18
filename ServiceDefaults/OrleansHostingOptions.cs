using OrleansFib.Hosting.Tls;
using StackExchange.Redis;

namespace OrleansFib.Hosting;

/// <summary>How a process joins the Orleans cluster (configuration section <c>Cluster</c>): the same on silos and gateways.</summary>
public sealed class OrleansHostingOptions
{
    public const string SectionName = "Cluster";

    /// <summary>
    /// Where membership lives: <c>localhost</c> (one silo, development) or <c>redis:HOST:PORT</c> (a real
    /// cluster), optionally with StackExchange.Redis options (<c>redis:HOST:PORT,user=U,ssl=true</c>). On the
    /// gateway, empty means "co-host one silo in this process" (the one-command dev run).
    /// </summary>
    public string? Clustering { get; set; }

    /// <summary>A file holding Redis's password (a mounted Secret), so that it is on no command line; it overrides a <c>password=</c> in <see cref="Clustering"/>.</summary>
    public string? RedisPasswordFile { get; set; }

    /// <summary>How long a starting process waits for Redis to answer before it gives up with an error (a refused password ends it at once).</summary>
    public TimeSpan RedisStartTimeout { get; set; } = TimeSpan.FromSeconds(20);

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

    /// <summary>Mutual TLS between silos and gateways (<c>Cluster:Tls:*</c>); off unless its files are given.</summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>
    /// After SIGTERM, how long past its drain timeout a process may take to leave the cluster (write its status to
    /// the membership table) before it exits anyway; its peers' probes then find it gone.
    /// </summary>
    public TimeSpan LeaveTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Clustering);

    /// <summary>The Redis configuration of <see cref="Clustering"/> with the password file read; null for <c>localhost</c> or none.</summary>
    public ConfigurationOptions? RedisConfiguration()
    {
        if (!ClusteringAddress.TryParse(Clustering, out ClusteringAddress? address) || address.IsLocalhost)
        {
            return null;
        }

        if (RedisPasswordFile is { } file)
        {
            address.Redis.Password = File.ReadAllText(file).TrimEnd('\r', '\n');
        }

        // Orleans keeps retrying a lost connection; whether Redis answers at start is checked once (RedisStartCheck).
        address.Redis.AbortOnConnectFail = false;
        return address.Redis;
    }
}
