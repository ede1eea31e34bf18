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
    private (DateTime Certificate, DateTime Key, DateTime Ca) _stamps;
    private X509Certificate2 _certificate;
    private X509Certificate2Collection _authority;

    /// <summary>Reads the files; throws (<see cref="IOException"/>, <see cref="ArgumentException"/>, <see cref="System.Security.Cryptography.CryptographicException"/>) when they cannot be used.</summary>
    public ClusterCertificates(ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        (_stamps, _certificate, _authority) = Read();
    }

    /// <summary>The certificate this process presents, as the files are now.</summary>
    public X509Certificate2 Certificate
    {
        get
        {
            Refresh();
            return _certificate;
        }
    }

    /// <summary>Whether <paramref name="peer"/> chains to the cluster's CA; if not, <paramref name="reason"/> says why.</summary>
    public bool Trusts(X509Certificate2 peer, out string reason)
    {
        ArgumentNullException.ThrowIfNull(peer);
        Refresh();
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        bool trusted = chain.Build(peer);
        reason = trusted ? "" : $"certificate '{peer.Subject}' issued by '{peer.Issuer}': {string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation.Trim()))}";
        return trusted;
    }

    private void Refresh()
    {
        if (Stamps() == _stamps)
        {
            return;
        }

        lock (_lock)
        {
            try
            {
                (_stamps, _certificate, _authority) = Read();
            }
            catch (Exception e) when (e is IOException or ArgumentException or System.Security.Cryptography.CryptographicException)
            {
                // Caught mid-renewal (a new certificate beside an old key): keep the last good pair and read again next time.
            }
        }
    }

    private (DateTime, DateTime, DateTime) Stamps() =>
        (File.GetLastWriteTimeUtc(_options.CertificatePath!), File.GetLastWriteTimeUtc(_options.KeyPath!), File.GetLastWriteTimeUtc(_options.CaPath!));

    private ((DateTime, DateTime, DateTime), X509Certificate2, X509Certificate2Collection) Read()
    {
        var stamps = Stamps();
        X509Certificate2 certificate = X509Certificate2.CreateFromPemFile(_options.CertificatePath!, _options.KeyPath);
        var authority = new X509Certificate2Collection();
        authority.ImportFromPemFile(_options.CaPath!);
        if (authority.Count == 0)
        {
            throw new System.Security.Cryptography.CryptographicException($"'{_options.CaPath}' holds no certificate");
        }

        return (stamps, certificate, authority);
    }
}
