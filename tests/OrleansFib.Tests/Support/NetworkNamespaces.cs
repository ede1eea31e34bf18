using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace OrleansFib.Tests.Support;

/// <summary>
/// Hosts as Linux network namespaces on one bridge that lives in a namespace of its own: no link to
/// the root namespace, so nothing sent to these addresses leaves the machine, and every process that
/// talks to them runs inside one. Each namespace gets an <c>/etc/hosts</c> of its own (which
/// <c>ip netns exec</c> mounts over the root's) answering the cluster's Service names. Everything made
/// here, namespaces, processes and files, is removed on dispose, also when the test fails.
/// </summary>
internal sealed class NetworkNamespaces : IAsyncDisposable
{
    private static readonly string[] Tools = ["/usr/sbin/ip", "/usr/sbin/nft", "/usr/bin/curl", RedisFactAttribute.Path];
    private readonly string _prefix = $"ofib{(Environment.ProcessId % 100000).ToString(CultureInfo.InvariantCulture)}";
    private readonly List<string> _namespaces = [];
    private readonly List<IAsyncDisposable> _processes = [];
    private readonly IReadOnlyDictionary<string, string> _names;

    private NetworkNamespaces(IReadOnlyDictionary<string, string> names)
    {
        _names = names;
        Files = Directory.CreateTempSubdirectory(_prefix + "-").FullName;
    }

    public static string? WhyNot => Environment.UserName == "root" && Tools.All(File.Exists) ? null
        : "needs root, iproute2, nftables, curl and redis-server (Debian: apt-get install iproute2 nftables curl redis-server); .ci/run installs them and runs as root";

    /// <summary>A directory for the test's files (a Redis append-only file, Bench's results), removed on dispose.</summary>
    public string Files { get; }

    /// <summary>What was made, to check that dispose removed it: the namespaces, their <c>/etc/netns</c> folders, the files.</summary>
    public IReadOnlyList<string> Leftovers() =>
        [.. _namespaces.Where(name => File.Exists($"/run/netns/{name}") || Directory.Exists($"/etc/netns/{name}")), .. Directory.Exists(Files) ? [Files] : Array.Empty<string>()];

    /// <summary>
    /// The topology: one namespace per host, each given its address (a /24 of <paramref name="hosts"/>' first),
    /// and <paramref name="names"/> (DNS name → address) in every host's <c>/etc/hosts</c>.
    /// </summary>
    public static async Task<NetworkNamespaces> CreateAsync(IReadOnlyDictionary<string, string> hosts, IReadOnlyDictionary<string, string> names)
    {
        var topology = new NetworkNamespaces(names);
        try
        {
            string bridge = topology.Namespace("br");
            await topology.AddNamespaceAsync(bridge);
            await Ip("-n", bridge, "link", "add", "br0", "type", "bridge");
            await Ip("-n", bridge, "link", "set", "br0", "up");
            foreach ((string host, string address) in hosts)
            {
                await topology.AddHostAsync(host, address);
            }

            return topology;
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }
    }

    public string Namespace(string host) => $"{_prefix}-{host}";

    private string[] Inside(string host) => ["/usr/sbin/ip", "netns", "exec", Namespace(host)];

    /// <summary>One of our programs, inside a host's namespace.</summary>
    public ServiceProcess Start(string host, string project, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ServiceProcess process = ServiceProcess.Start(project, environment, Inside(host), args);
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    /// <summary>A <c>redis-server</c> inside a host's namespace, keeping its append-only file under <see cref="Files"/>.</summary>
    public async Task<RedisServer> StartRedisAsync(string host, string address, int port, string? password = null)
    {
        RedisServer redis = await RedisServer.StartAsync(Inside(host), address, port, Directory.CreateDirectory(Path.Combine(Files, "redis")).FullName,
            password is null ? null : ["--requirepass", password]);
        lock (_processes)
        {
            _processes.Add(redis);
        }

        return redis;
    }

    /// <summary>Bench inside a host's namespace: <paramref name="connections"/> connections asking fib(<paramref name="n"/>) of <paramref name="target"/> (address:port), every answer checked.</summary>
    public async Task<LoadResult> BenchAsync(string host, string target, int connections, int n, int seconds)
    {
        string json = Path.Combine(Files, $"bench-{Guid.NewGuid():N}.json");
        ServiceProcess bench = Start(host, "benchmarks/Bench", new Dictionary<string, string>(), "throughput", "-t", $"gateway={target}",
            "--conns", connections.ToString(CultureInfo.InvariantCulture), "--n", n.ToString(CultureInfo.InvariantCulture),
            "--duration", seconds.ToString(CultureInfo.InvariantCulture), "--warmup", "0.5", "--timeout", "10", "--json", json);
        await bench.WaitForExitAsync(TimeSpan.FromSeconds(seconds + 60));
        Assert.True(File.Exists(json), $"Bench wrote no results:\n{bench.Output}");
        using JsonDocument result = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        JsonElement measured = result.RootElement.GetProperty("workloads")[0].GetProperty("targets")[0];
        double Metric(string name) => measured.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name).GetProperty("value").GetDouble();
        return new LoadResult((long)Metric("answers"), measured.GetProperty("wrong").GetInt64(), measured.GetProperty("errors").GetInt64(), Metric("max"));
    }

    /// <summary>What a silo's workers completed, asked from inside its own namespace (0 while it does not answer).</summary>
    public async Task<long> CompletedAsync(string host, int operationsPort = 8081)
    {
        (int exitCode, string stats) = await ExecAsync(host, "curl", "-s", "--max-time", "5", $"http://127.0.0.1:{operationsPort.ToString(CultureInfo.InvariantCulture)}/stats");
        if (exitCode != 0)
        {
            return 0;
        }

        using JsonDocument document = JsonDocument.Parse(stats);
        return document.RootElement.GetProperty("pool").GetProperty("completed").GetInt64();
    }

    /// <summary>Waits until a silo completes more work: the load is on and reaches it.</summary>
    public async Task WorkingAsync(string host)
    {
        long before = await CompletedAsync(host);
        await Eventually.TrueAsync(async () => await CompletedAsync(host) > before, $"{host} works under the load");
    }

    /// <summary>Runs a command inside a host's namespace to its end; its exit code and output.</summary>
    public Task<(int ExitCode, string Output)> ExecAsync(string host, params string[] command) => RunCapturing("ip", ["netns", "exec", Namespace(host), .. command]);

    public Task LinkAsync(string host, bool up) => Ip("-n", Namespace(host), "link", "set", "eth0", up ? "up" : "down");

    /// <summary>Drops <paramref name="percent"/>% of the packets a host receives, at random (nftables).</summary>
    public async Task DropAsync(string host, int percent)
    {
        await Nft(host, "add", "table", "inet", "loss");
        await Nft(host, "add", "chain", "inet", "loss", "in", "{ type filter hook input priority 0 ; }");
        await Nft(host, "add", "rule", "inet", "loss", "in", "numgen", "random", "mod", "100", "<", percent.ToString(CultureInfo.InvariantCulture), "drop");
    }

    public Task StopDroppingAsync(string host) => Nft(host, "delete", "table", "inet", "loss");

    public async Task AddHostAsync(string host, string address)
    {
        string name = Namespace(host);
        await AddNamespaceAsync(name);

        // Made inside the namespaces: the pair never exists in the root namespace.
        string peer = $"{_prefix}{host}";
        await Ip("-n", name, "link", "add", "eth0", "type", "veth", "peer", "name", peer, "netns", Namespace("br"));
        await Ip("-n", Namespace("br"), "link", "set", peer, "master", "br0", "up");
        await Ip("-n", name, "addr", "add", address + "/24", "dev", "eth0");
        await Ip("-n", name, "link", "set", "eth0", "up");
        Directory.CreateDirectory($"/etc/netns/{name}");
        await File.WriteAllLinesAsync($"/etc/netns/{name}/hosts", ["127.0.0.1 localhost", .. _names.Select(entry => $"{entry.Value} {entry.Key}")]);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IAsyncDisposable process in _processes)
        {
            await process.DisposeAsync();
        }

        foreach (string name in Enumerable.Reverse(_namespaces))
        {
            await RunCapturing("ip", ["netns", "delete", name]);
            if (Directory.Exists($"/etc/netns/{name}"))
            {
                Directory.Delete($"/etc/netns/{name}", recursive: true);
            }
        }

        Directory.Delete(Files, recursive: true);
    }

    private async Task AddNamespaceAsync(string name)
    {
        await Ip("netns", "add", name);
        _namespaces.Add(name);
        await Ip("-n", name, "link", "set", "lo", "up");
    }

    private static Task Ip(params string[] args) => Run("ip", args);

    private Task Nft(string host, params string[] args) => Ip(["netns", "exec", Namespace(host), "/usr/sbin/nft", .. args]);

    private static async Task Run(string command, params string[] args)
    {
        (int exitCode, string output) = await RunCapturing(command, args);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed ({exitCode}): {output}");
        }
    }

    private static async Task<(int ExitCode, string Output)> RunCapturing(string command, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
