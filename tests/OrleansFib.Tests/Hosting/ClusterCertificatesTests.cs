using System.Security.Cryptography.X509Certificates;
using OrleansFib.Hosting.Tls;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Hosting;

public sealed class ClusterCertificatesTests
{
    [Fact]
    public void APeerIsTrustedWhenItsCertificateChainsToTheClusterCa()
    {
        using var pki = new TestCertificates("cluster CA");
        using var other = new TestCertificates("other CA");
        var certificates = new ClusterCertificates(Options(pki, pki.Issue("self")));
        using X509Certificate2 member = Load(pki.Issue("member").CertificatePath);
        using X509Certificate2 stranger = Load(other.Issue("stranger").CertificatePath);

        Assert.True(certificates.Trusts(member, out _));
        Assert.False(certificates.Trusts(stranger, out string reason));
        Assert.Contains("certificate 'CN=stranger' issued by 'CN=other CA'", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ARenewedCertificateIsUsedWithoutARestart()
    {
        using var pki = new TestCertificates("cluster CA");
        var certificates = new ClusterCertificates(Options(pki, pki.Issue("member")));
        string first = certificates.Certificate.Thumbprint;

        (string renewed, string key) = pki.Issue("member"); // the same files, rewritten as cert-manager renews them
        File.SetLastWriteTimeUtc(renewed, DateTime.UtcNow.AddSeconds(1));
        File.SetLastWriteTimeUtc(key, DateTime.UtcNow.AddSeconds(1));

        Assert.NotEqual(first, certificates.Certificate.Thumbprint);
        Assert.True(certificates.Certificate.HasPrivateKey);
    }

    [Fact]
    public void ACertificateBesideAKeyOfAnotherKeepsTheLastGoodPair()
    {
        using var pki = new TestCertificates("cluster CA");
        var certificates = new ClusterCertificates(Options(pki, pki.Issue("member")));
        string first = certificates.Certificate.Thumbprint;

        (string other, _) = pki.Issue("other");
        File.Copy(other, Path.Combine(pki.Folder, "member.crt"), overwrite: true); // half-way through a renewal: the key is still the old one
        File.SetLastWriteTimeUtc(Path.Combine(pki.Folder, "member.crt"), DateTime.UtcNow.AddSeconds(1));

        Assert.Equal(first, certificates.Certificate.Thumbprint);
    }

    [Fact]
    public void UnusableFilesFailAtOnce()
    {
        using var pki = new TestCertificates("cluster CA");
        var options = Options(pki, pki.Issue("member"));
        options.CaPath = options.KeyPath; // a key where the CA should be

        Assert.ThrowsAny<Exception>(() => new ClusterCertificates(options));
    }

    private static X509Certificate2 Load(string pemFile)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(pemFile);
        return certificates[0];
    }

    private static ClusterTlsOptions Options(TestCertificates pki, (string CertificatePath, string KeyPath) member) =>
        new() { CertificatePath = member.CertificatePath, KeyPath = member.KeyPath, CaPath = pki.CaPath };
}
