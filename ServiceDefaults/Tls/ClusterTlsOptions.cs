namespace OrleansFib.Hosting.Tls;

/// <summary>Mutual TLS on every Orleans connection (configuration section <c>Cluster:Tls</c>): all three files, or none.</summary>
public sealed class ClusterTlsOptions
{
    /// <summary>This process's certificate (PEM); it must chain to <see cref="CaPath"/>, as every peer's must.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate's private key (PEM).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The cluster's certificate authority (a PEM bundle): peers whose certificates chain to it are let in, no others.</summary>
    public string? CaPath { get; set; }

    /// <summary>A peer (an address) refused for one reason is logged at most once per this interval, not once per attempt.</summary>
    public TimeSpan RefusalLogInterval { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsEnabled => CertificatePath is not null || KeyPath is not null || CaPath is not null;
}
