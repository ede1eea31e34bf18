using System.Diagnostics;
using System.Globalization;
using OrleansFib.Tests.Support;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace OrleansFib.Tests.Kubernetes;

/// <summary>
/// The prod overlay's cluster on real hosts: Redis, a gateway, silos and a client, each in a network
/// namespace of its own, under load from the client (Bench, every answer checked), while a link is
/// cut, packets are dropped, silos join, the silos are replaced one by one, and Redis goes away; with the
/// overlay's mutual TLS and Redis password, the mounted Secrets' files made by the test.
/// </summary>
[Trait(SlowSuite.Trait, SlowSuite.Value)]
public sealed class MultiHostClusterTests(ITestOutputHelper output)
{
    private const int Connections = 6;
    private const int N = 27;
    private const string RedisAddress = "10.77.0.2";
    private const string GatewayAddress = "10.77.0.10";

    // s1-s3 start; s4 joins; r1-r4 replace them in the rolling restart (new pods get new addresses); s5 joins after the outage.
    private static readonly Dictionary<string, string> Hosts = new()
    {
        ["redis"] = RedisAddress, ["gw"] = GatewayAddress, ["cl"] = "10.77.0.30",
        ["s1"] = "10.77.0.11", ["s2"] = "10.77.0.12", ["s3"] = "10.77.0.13", ["s4"] = "10.77.0.14", ["s5"] = "10.77.0.15",
        ["r1"] = "10.77.0.21", ["r2"] = "10.77.0.22", ["r3"] = "10.77.0.23", ["r4"] = "10.77.0.24",
    };

    private readonly Dictionary<string, ServiceProcess> _silos = [];
    private Dictionary<string, string> _siloEnvironment = [];

    [NamespacesFact]
    public async Task TheProdClusterServesThroughALinkCutLossAJoinARollingRestartAndAStoreOutage()
    {
        IReadOnlyList<YamlMappingNode> prod = Kustomize.Build("prod");

        // The rendered environment, adapted to this 2-core machine: one core and one worker per silo.
        _siloEnvironment = KubernetesPod.Of(prod, "Deployment", "orleansfib-silo").Environment;
        _siloEnvironment["DOTNET_PROCESSOR_COUNT"] = _siloEnvironment["FibGrain__Workers"] = "1";
        Dictionary<string, string> gateway = KubernetesPod.Of(prod, "Deployment", "orleansfib-gateway").Environment;

        // Both name Redis by its Service's DNS name, which every namespace's /etc/hosts answers.
        string[] clustering = gateway["Cluster__Clustering"].Split(':');
        Assert.Equal(_siloEnvironment["Cluster__Clustering"], gateway["Cluster__Clustering"]);
        int redisPort = int.Parse(clustering[2], CultureInfo.InvariantCulture);

        NetworkNamespaces net = await NetworkNamespaces.CreateAsync(Hosts, new Dictionary<string, string> { [clustering[1]] = RedisAddress });
        using var pki = new TestCertificates("orleansfib cluster CA");
        await using (net)
        {
            string password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            string passwordFile = Path.Combine(net.Files, "password");
            await File.WriteAllTextAsync(passwordFile, password);
            MountSecrets(_siloEnvironment, pki, "orleansfib-silo", passwordFile);
            MountSecrets(gateway, pki, "orleansfib-gateway", passwordFile);
            RedisServer redis = await net.StartRedisAsync("redis", RedisAddress, redisPort, password);
            await Task.WhenAll(StartSiloAsync(net, "s1"), StartSiloAsync(net, "s2"), StartSiloAsync(net, "s3"));
            await net.Start("gw", "Gateway", gateway).WaitForPortAsync();

            Report("three silos", await LoadAsync(net, seconds: 5));
            foreach (string host in _silos.Keys)
            {
                Assert.True(await net.CompletedAsync(host) > 0, $"{host} got no work");
            }

            // A silo's link cut mid-load: its calls time out (Routing:CallTimeout) and go to another silo.
            Task<LoadResult> cut = LoadAsync(net, seconds: 12);
            await net.WorkingAsync("s2");
            await net.LinkAsync("s2", up: false);
            LoadResult cutResult = Report("s2's link cut", await cut);
            Assert.InRange(cutResult.SlowestMs, 0, 5_000);

            // Back on the network, s2 reads that the cluster declared it dead and stops itself, as a pod's
            // container exits; it is replaced in place.
            await net.LinkAsync("s2", up: true);
            await _silos["s2"].WaitForExitAsync(TimeSpan.FromSeconds(60));
            await StartSiloAsync(net, "s2");

            await net.DropAsync("s1", 20);
            Report("20% loss to s1", await LoadAsync(net, seconds: 8));
            await net.StopDroppingAsync("s1");

            Task<LoadResult> joining = LoadAsync(net, seconds: 12);
            Report($"s4 joins: work {await JoinAsync(net, "s4"):0.0} s after its start", await joining);

            // Rolling update with maxUnavailable 0: each new pod is up before the old one gets SIGTERM.
            foreach ((string old, string replacement) in new[] { ("s1", "r1"), ("s2", "r2"), ("s3", "r3"), ("s4", "r4") })
            {
                Task<LoadResult> rolling = LoadAsync(net, seconds: 10);
                await StartSiloAsync(net, replacement);
                await net.WorkingAsync(old);
                _silos[old].Terminate();
                Assert.Equal(0, await _silos[old].WaitForExitAsync(TimeSpan.FromSeconds(30)));
                _silos.Remove(old);
                Report($"rolling restart: {old} → {replacement}", await rolling);
            }

            // The membership store stopped for 20 s under load, then started again on its append-only file.
            Task<LoadResult> outage = LoadAsync(net, seconds: 30);
            await net.WorkingAsync("r1");
            await redis.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(20)); // the outage's length, not a wait for something to happen
            await net.StartRedisAsync("redis", RedisAddress, redisPort, password);
            Report("Redis stopped 20 s", await outage);

            joining = LoadAsync(net, seconds: 12);
            Report($"s5 joins after the outage: work {await JoinAsync(net, "s5"):0.0} s after its start", await joining);
        }

        Assert.Empty(net.Leftovers());
    }

    /// <summary>Points the overlay's secret files (which it must name) at the test's: a certificate of <paramref name="pki"/> and the password file.</summary>
    private static void MountSecrets(Dictionary<string, string> environment, TestCertificates pki, string member, string passwordFile)
    {
        (string certificate, string key) = pki.Issue(member);
        foreach ((string setting, string file) in new[]
        {
            ("Cluster__Tls__CertificatePath", certificate), ("Cluster__Tls__KeyPath", key), ("Cluster__Tls__CaPath", pki.CaPath), ("Cluster__RedisPasswordFile", passwordFile),
        })
        {
            Assert.True(environment.ContainsKey(setting), $"the prod overlay does not set {setting}");
            environment[setting] = file;
        }
    }

    private LoadResult Report(string fault, LoadResult result)
    {
        output.WriteLine($"{fault}: {result.Answers} answers, {result.Errors} ERR, {result.Wrong} wrong, slowest {result.SlowestMs:0} ms");
        Assert.Equal(0, result.Wrong);
        Assert.Equal(0, result.Errors);
        return result;
    }

    private async Task StartSiloAsync(NetworkNamespaces net, string host)
    {
        var environment = new Dictionary<string, string>(_siloEnvironment) { ["Cluster__AdvertisedAddress"] = Hosts[host] };
        ServiceProcess silo = net.Start(host, "Silo", environment);
        lock (_silos)
        {
            _silos[host] = silo;
        }

        await silo.WaitForPortAsync("operations HTTP/1.1");
    }

    /// <summary>Starts a silo on a new host under load; the seconds from its start until its workers completed work.</summary>
    private async Task<double> JoinAsync(NetworkNamespaces net, string host)
    {
        var started = Stopwatch.StartNew();
        await StartSiloAsync(net, host);
        await Eventually.TrueAsync(async () => await net.CompletedAsync(host) > 0, $"{host} gets work", TimeSpan.FromSeconds(30));
        return started.Elapsed.TotalSeconds;
    }

    /// <summary>Bench in the client's namespace: <see cref="Connections"/> connections asking fib(27), every answer checked.</summary>
    private static Task<LoadResult> LoadAsync(NetworkNamespaces net, int seconds) => net.BenchAsync("cl", $"{GatewayAddress}:25000", Connections, N, seconds);
}
