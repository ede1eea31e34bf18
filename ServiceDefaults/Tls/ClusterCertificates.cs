using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansFib.Hosting.Tls;

/// <summary>
/// This process's certificate and the cluster's CA, read from PEM files and read again when a file changes
/// (cert-manager renews certificates in place): new connections use the new files, without a restart.
/// </summary>
public sealed class ClusterCertificates
{
    private readonly ClusterTlsOptions _options;
    private readonly Lock _lock = new();
    private volatile Files _files;

    /// <summary>Reads the files; throws (<see cref="IOException"/>, <see cref="ArgumentException"/>, <see cref="CryptographicException"/>) when they cannot be used.</summary>
    public ClusterCertificates(ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _files = Read();
    }

    /// <summary>The certificate this process presents, as the files are now.</summary>
    public X509Certificate2 Certificate => Current().Certificate;

    /// <summary>Whether <paramref name="peer"/> chains to the cluster's CA; if not, <paramref name="reason"/> says why.</summary>
    public bool Trusts(X509Certificate2 peer, out string reason)
    {
        ArgumentNullException.ThrowIfNull(peer);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Current().Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        bool trusted = chain.Build(peer);
        reason = trusted ? "" : $"certificate '{peer.Subject}' issued by '{peer.Issuer}': {string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation.Trim()))}";
        return trusted;
    }

    /// <summary>The files as last read, read again first if one has changed since.</summary>
    private Files Current()
    {
        Files files = _files;
        if (Stamps() == files.Stamps)
        {
            return files;
        }

        lock (_lock)
        {
            try
            {
                _files = Read();
            }
            catch (Exception e) when (e is IOException or ArgumentException or CryptographicException)
            {
                // Caught mid-renewal (a new certificate beside the old key): keep the last good pair and read again next time.
            }

            return _files;
        }
    }

    private (DateTime, DateTime, DateTime) Stamps() =>
        (File.GetLastWriteTimeUtc(_options.CertificatePath!), File.GetLastWriteTimeUtc(_options.KeyPath!), File.GetLastWriteTimeUtc(_options.CaPath!));

    private Files Read()
    {
        var stamps = Stamps();
        X509Certificate2 certificate = X509Certificate2.CreateFromPemFile(_options.CertificatePath!, _options.KeyPath);
        var authority = new X509Certificate2Collection();
        authority.ImportFromPemFile(_options.CaPath!);
        return authority.Count == 0
            ? throw new CryptographicException($"'{_options.CaPath}' holds no certificate")
            : new Files(stamps, certificate, authority);
    }

    /// <summary>One reading of the three files, replaced as a whole so that a certificate is never paired with another reading's CA.</summary>
    private sealed record Files((DateTime, DateTime, DateTime) Stamps, X509Certificate2 Certificate, X509Certificate2Collection Authority);
}
