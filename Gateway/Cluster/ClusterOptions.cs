namespace OrleansFib.Gateway.Cluster;

/// <summary>Where the silos are and how calls to them are routed (configuration section <c>Cluster</c>).</summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>
    /// The silos: <c>host:port,host:port</c> (a static list), <c>dns:NAME:PORT</c> (every A/AAAA record of
    /// NAME, re-resolved: a Kubernetes headless Service) or <c>file:PATH</c> (one address per line,
    /// re-read). Empty: no silos, the gateway computes everything itself (the embedded default).
    /// </summary>
    public string? Silos { get; set; }

    /// <summary>How often a <c>dns:</c> name is re-resolved or a <c>file:</c> list re-read, and ejected silos probed.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests with n up to this are answered in the gateway, cheaper than a network hop; -1 sends everything to the silos.</summary>
    public int LocalMaxN { get; set; } = 20;

    /// <summary>Silos one request may try before it is answered <c>ERR unavailable</c>.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>How long a failed silo gets no calls; doubled on each failure in a row, up to <see cref="MaxEjection"/>.</summary>
    public TimeSpan Ejection { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxEjection { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long connecting to a silo may take before it counts as down.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an open HTTP/2 connection may stay silent before it counts as dead (a cut link sends no reset).</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>If set, a request in the hedging cost range that has no answer after this long is also sent to a second silo; the first answer wins. Off by default.</summary>
    public TimeSpan? HedgingDelay { get; set; }

    /// <summary>The cost range hedged (naive calls, ~0.8 ns each): cheap requests are not worth a second call, and expensive ones would double the load.</summary>
    public long HedgingMinCost { get; set; } = 1_000_000;

    public long HedgingMaxCost { get; set; } = 200_000_000;

    public bool HasSilos => !string.IsNullOrWhiteSpace(Silos);
}
