using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansFib.Tests.Support;

/// <summary>A certificate authority and member certificates it issued, as PEM files in a folder removed on dispose (cert-manager's layout: tls.crt, tls.key, ca.crt).</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly X509Certificate2 _authority;

    public TestCertificates(string name)
    {
        Folder = Directory.CreateTempSubdirectory("orleansfib-pki-").FullName;
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        CaPath = Path.Combine(Folder, "ca.crt");
        File.WriteAllText(CaPath, _authority.ExportCertificatePem());
    }

    public string Folder { get; }

    public string CaPath { get; }

    /// <summary>Issues a member certificate (server and client authentication) and writes it and its key as <c>NAME.crt</c>, <c>NAME.key</c>.</summary>
    public (string CertificatePath, string KeyPath) Issue(string member)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={member}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using X509Certificate2 issued = request.Create(_authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(16));
        (string certificate, string keyPath) = (Path.Combine(Folder, member + ".crt"), Path.Combine(Folder, member + ".key"));
        File.WriteAllText(certificate, issued.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificate, keyPath);
    }

    /// <summary>The environment that gives a process <paramref name="member"/>'s certificate (issued on first use) and this CA.</summary>
    public Dictionary<string, string> Environment(string member)
    {
        (string certificate, string key) = Issue(member);
        return new Dictionary<string, string>
        {
            ["Cluster__Tls__CertificatePath"] = certificate,
            ["Cluster__Tls__KeyPath"] = key,
            ["Cluster__Tls__CaPath"] = CaPath,
        };
    }

    public void Dispose()
    {
        _authority.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
