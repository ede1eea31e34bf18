using System.Text.Json;
using OrleansFib.Tests.Support;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace OrleansFib.Tests.Kubernetes;

/// <summary>
/// The prod overlay's cluster on real hosts: a gateway, silos and a client, each in its own network
/// namespace, silos found through DNS as through a headless Service, under load from the client,
/// while links are cut, packets dropped, and silos join and leave.
/// </summary>
public sealed class MultiHostClusterTests(ITestOutputHelper output)
{
    private const int Connections = 6;
    private const string Gateway = "10.77.0.10";
    private static readonly Dictionary<string, string> Hosts = new()
    {
        ["gw"] = Gateway, ["s1"] = "10.77.0.11", ["s2"] = "10.77.0.12", ["s3"] = "10.77.0.13", ["s4"] = "10.77.0.14", ["cl"] = "10.77.0.20",
    };

    [NamespacesFact]
    public async Task TheClusterServesThroughFailuresJoinsAndScaleDown()
    {
        IReadOnlyList<YamlMappingNode> prod = Kustomize.Build("prod");

        // The rendered environment, adapted to this 2-core machine and to a test's patience.
        Dictionary<string, string> silo = ManifestTests.EnvironmentOf(prod, "orleansfib-silo");
        silo["DOTNET_PROCESSOR_COUNT"] = silo["FibGrain__Workers"] = "1";
        silo["Silo__DrainTimeout"] = "00:00:10";
        Dictionary<string, string> gateway = ManifestTests.EnvironmentOf(prod, "orleansfib-gateway");
        gateway["Cluster__RefreshInterval"] = "00:00:01";
        gateway["Gateway__RequestTimeout"] = "00:00:05";
        string siloName = gateway["Cluster__Silos"].Split(':')[1];

        await using NetworkNamespaces net = await NetworkNamespaces.CreateAsync(Hosts);
        await net.ServeDnsAsync(Dns(siloName, "s1", "s2", "s3"));
        Dictionary<string, ServiceProcess> silos = [];
        foreach (string host in new[] { "s1", "s2", "s3" })
        {
            silos[host] = await StartSiloAsync(net, host, silo);
        }

        ServiceProcess gatewayProcess = net.Start("gw", "Gateway", gateway);
        await gatewayProcess.WaitForPortAsync();

        // Load reaches all three silos.
        Assert.Equal((0, 0), await LoadAsync(net, 4));
        foreach (string host in silos.Keys)
        {
            Assert.True(await CompletedAsync(net, host) > 0, $"{host} got no work");
        }

        // A silo's link cut mid-load: no wrong answer; an ERR only for a request whose deadline ran out there.
        Task<(long Wrong, long Errors)> cut = LoadAsync(net, 10);
        long before = await CompletedAsync(net, "s2");
        await Eventually.TrueAsync(async () => await CompletedAsync(net, "s2") > before, "s2 works under the load");
        await net.LinkAsync("s2", up: false);
        (long wrong, long errors) = await cut;
        output.WriteLine($"link cut: {wrong} wrong, {errors} ERR (deadline passed while its silo was unreachable)");
        Assert.Equal(0, wrong);
        Assert.InRange(errors, 0, Connections);
        await net.LinkAsync("s2", up: true);

        // 20 % of the packets to one silo dropped: answers stay correct.
        await net.DropAsync("s1", 20);
        (wrong, errors) = await LoadAsync(net, 6);
        output.WriteLine($"20% loss to s1: {wrong} wrong, {errors} ERR");
        Assert.Equal(0, wrong);
        Assert.InRange(errors, 0, Connections);
        await net.StopDroppingAsync("s1");

        // A fourth silo added to DNS gets work within the re-resolve interval plus 5 s.
        silos["s4"] = await StartSiloAsync(net, "s4", silo);
        Task<(long Wrong, long Errors)> joining = LoadAsync(net, 10);
        await net.UpdateDnsAsync(Dns(siloName, "s1", "s2", "s3", "s4"));
        await Eventually.TrueAsync(async () => await CompletedAsync(net, "s4") > 0, "s4 gets work", TimeSpan.FromSeconds(1 + 5));
        Assert.Equal((0, 0), await joining);

        // Scale-down: s2 leaves DNS and gets SIGTERM mid-load; nothing is lost and it exits 0.
        Task<(long Wrong, long Errors)> scaleDown = LoadAsync(net, 8);
        await net.UpdateDnsAsync(Dns(siloName, "s1", "s3", "s4"));
        silos["s2"].Terminate();
        Assert.Equal(0, await silos["s2"].WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal((0, 0), await scaleDown);
    }

    private static Dictionary<string, IReadOnlyList<string>> Dns(string name, params string[] hosts) => new() { [name] = [.. hosts.Select(host => Hosts[host])] };

    private static async Task<ServiceProcess> StartSiloAsync(NetworkNamespaces net, string host, Dictionary<string, string> environment)
    {
        ServiceProcess silo = net.Start(host, "Silo", environment);
        await silo.WaitForPortAsync("grain HTTP/2");
        return silo;
    }

    /// <summary>Bench in the client's namespace: 6 connections asking fib(27) for some seconds, every answer checked.</summary>
    private static async Task<(long Wrong, long Errors)> LoadAsync(NetworkNamespaces net, int seconds)
    {
        string json = Path.Combine(Path.GetTempPath(), $"orleansfib-netns-{Guid.NewGuid():N}.json");
        try
        {
            ServiceProcess bench = net.Start("cl", "Bench", new Dictionary<string, string>(), "throughput", "-t", $"gateway={Gateway}:25000",
                "--conns", Connections.ToString(System.Globalization.CultureInfo.InvariantCulture), "--n", "27", "--duration", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--warmup", "0.5", "--timeout", "10", "--json", json);
            await bench.WaitForExitAsync(TimeSpan.FromSeconds(seconds + 60));
            using JsonDocument result = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            JsonElement target = result.RootElement.GetProperty("workloads")[0].GetProperty("targets")[0];
            return (target.GetProperty("wrong").GetInt64(), target.GetProperty("errors").GetInt64());
        }
        finally
        {
            File.Delete(json);
        }
    }

    /// <summary>What a silo's workers completed, asked from inside its own namespace.</summary>
    private static async Task<long> CompletedAsync(NetworkNamespaces net, string host)
    {
        (int exitCode, string stats) = await net.ExecAsync(host, "curl", "-s", "--max-time", "5", "http://127.0.0.1:8081/stats");
        if (exitCode != 0)
        {
            return 0;
        }

        using JsonDocument document = JsonDocument.Parse(stats);
        return document.RootElement.GetProperty("pool").GetProperty("completed").GetInt64();
    }
}
