using System.Diagnostics;
using System.Globalization;

namespace OrleansFib.Tests.Support;

/// <summary>
/// Hosts as Linux network namespaces on one bridge that lives in a namespace of its own: no link to
/// the root namespace, so nothing sent to these addresses leaves the machine; every process that talks
/// to them runs inside one. dnsmasq on the bridge answers names like a headless Service. Everything
/// made here is removed on dispose, also when the test fails.
/// </summary>
internal sealed class NetworkNamespaces : IAsyncDisposable
{
    public const string DnsAddress = "10.77.0.2";
    private readonly string _prefix = $"ofib{Environment.ProcessId % 100000}";
    private readonly List<string> _namespaces = [];
    private readonly List<ServiceProcess> _processes = [];
    private readonly string _hostsFile;
    private int? _dnsmasqPid;

    private NetworkNamespaces() => _hostsFile = Path.Combine(Path.GetTempPath(), $"{_prefix}-hosts");

    private static readonly string[] Tools = ["/usr/sbin/ip", "/usr/sbin/dnsmasq", "/usr/sbin/nft", "/usr/bin/curl"];

    public static bool CanRun => Environment.UserName == "root" && Tools.All(File.Exists);

    public static string? WhyNot => CanRun ? null
        : "needs root, iproute2, dnsmasq, nftables and curl (Debian: apt-get install iproute2 dnsmasq-base nftables curl); .ci/run installs them and runs as root";

    /// <summary>The topology, with one namespace per host, each given its address (10.77.0.x/24).</summary>
    public static async Task<NetworkNamespaces> CreateAsync(IReadOnlyDictionary<string, string> hosts)
    {
        var topology = new NetworkNamespaces();
        try
        {
            string bridge = topology.Namespace("br");
            await topology.AddNamespaceAsync(bridge);
            await Ip("-n", bridge, "link", "add", "br0", "type", "bridge");
            await Ip("-n", bridge, "addr", "add", DnsAddress + "/24", "dev", "br0");
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

    /// <summary>Starts dnsmasq on the bridge, answering each name with its addresses (A records, TTL 0).</summary>
    public async Task ServeDnsAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> names)
    {
        WriteHosts(names);
        string pidFile = _hostsFile + ".pid";
        await Run("ip", "netns", "exec", Namespace("br"), "/usr/sbin/dnsmasq", "--no-resolv", "--no-hosts", $"--addn-hosts={_hostsFile}",
            $"--listen-address={DnsAddress}", "--bind-interfaces", $"--pid-file={pidFile}", "--local-ttl=0", "--cache-size=0");
        _dnsmasqPid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Changes what DNS answers (dnsmasq re-reads its hosts file on SIGHUP).</summary>
    public async Task UpdateDnsAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> names)
    {
        WriteHosts(names);
        await Run("kill", "-HUP", _dnsmasqPid!.Value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>One of our programs, inside a host's namespace.</summary>
    public ServiceProcess Start(string host, string project, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ServiceProcess process = ServiceProcess.Start(project, environment, ["/usr/sbin/ip", "netns", "exec", Namespace(host)], args);
        _processes.Add(process);
        return process;
    }

    /// <summary>Runs a command inside a host's namespace to its end; its exit code and output.</summary>
    public Task<(int ExitCode, string Output)> ExecAsync(string host, params string[] command) =>
        RunCapturing("ip", ["netns", "exec", Namespace(host), .. command]);

    public Task LinkAsync(string host, bool up) => Ip("-n", Namespace(host), "link", "set", "eth0", up ? "up" : "down");

    /// <summary>Drops <paramref name="percent"/>% of the packets a host receives, at random (nftables).</summary>
    public async Task DropAsync(string host, int percent)
    {
        await Run("ip", "netns", "exec", Namespace(host), "nft", "add", "table", "inet", "loss");
        await Run("ip", "netns", "exec", Namespace(host), "nft", "add", "chain", "inet", "loss", "in", "{ type filter hook input priority 0 ; }");
        await Run("ip", "netns", "exec", Namespace(host), "nft", "add", "rule", "inet", "loss", "in", "numgen", "random", "mod", "100", "<",
            percent.ToString(CultureInfo.InvariantCulture), "drop");
    }

    public Task StopDroppingAsync(string host) => Run("ip", "netns", "exec", Namespace(host), "nft", "delete", "table", "inet", "loss");

    public async Task AddHostAsync(string host, string address)
    {
        string name = Namespace(host);
        await AddNamespaceAsync(name);

        // Made inside the namespaces: the pair never exists in the root namespace.
        await Ip("-n", name, "link", "add", "eth0", "type", "veth", "peer", "name", $"{_prefix}{host}", "netns", Namespace("br"));
        await Ip("-n", Namespace("br"), "link", "set", $"{_prefix}{host}", "master", "br0", "up");
        await Ip("-n", name, "addr", "add", address + "/24", "dev", "eth0");
        await Ip("-n", name, "link", "set", "eth0", "up");
        Directory.CreateDirectory($"/etc/netns/{name}");
        await File.WriteAllTextAsync($"/etc/netns/{name}/resolv.conf", $"nameserver {DnsAddress}\n");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (ServiceProcess process in _processes)
        {
            await process.DisposeAsync();
        }

        if (_dnsmasqPid is { } pid)
        {
            try
            {
                Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }

        foreach (string name in Enumerable.Reverse(_namespaces))
        {
            await RunCapturing("ip", ["netns", "delete", name]);
            if (Directory.Exists($"/etc/netns/{name}"))
            {
                Directory.Delete($"/etc/netns/{name}", recursive: true);
            }
        }

        File.Delete(_hostsFile);
        File.Delete(_hostsFile + ".pid");
    }

    private async Task AddNamespaceAsync(string name)
    {
        await Ip("netns", "add", name);
        _namespaces.Add(name);
        await Ip("-n", name, "link", "set", "lo", "up");
    }

    private void WriteHosts(IReadOnlyDictionary<string, IReadOnlyList<string>> names) =>
        File.WriteAllLines(_hostsFile, names.SelectMany(name => name.Value.Select(address => $"{address} {name.Key}")));

    private static Task Ip(params string[] args) => Run("ip", args);

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
