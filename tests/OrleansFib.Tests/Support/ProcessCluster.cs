using System.Globalization;
using System.Text.Json;

namespace OrleansFib.Tests.Support;

/// <summary>
/// A real cluster on 127.0.0.1: a <c>redis-server</c> for membership, silo processes (one worker each)
/// and a gateway process, all joined through Redis. Everything is stopped, by PID, when the test ends.
/// </summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly List<(ServiceProcess Process, int HttpPort, int SiloPort, int GatewayPort)> _silos = [];
    private readonly RedisServer _redis;

    private readonly IReadOnlyDictionary<string, string> _environment;

    private ProcessCluster(RedisServer redis, IReadOnlyDictionary<string, string> environment) => (_redis, _environment) = (redis, environment);

    public ServiceProcess? Gateway { get; private set; }

    /// <summary>The membership store.</summary>
    public RedisServer Redis => _redis;

    public int Port { get; private set; }

    public static Task<ProcessCluster> StartAsync(int silos, params string[] gatewayArguments) => StartAsync(silos, new Dictionary<string, string>(), gatewayArguments);

    /// <summary>Starts Redis, <paramref name="silos"/> silos and a gateway, each process with <paramref name="environment"/>.</summary>
    public static async Task<ProcessCluster> StartAsync(int silos, IReadOnlyDictionary<string, string> environment, params string[] gatewayArguments) =>
        await StartAsync(await RedisServer.StartAsync(), silos, environment, gatewayArguments);

    /// <summary>Starts <paramref name="silos"/> silos and a gateway on <paramref name="redis"/>, which the cluster then owns (and stops).</summary>
    public static async Task<ProcessCluster> StartAsync(RedisServer redis, int silos, IReadOnlyDictionary<string, string> environment, params string[] gatewayArguments)
    {
        var cluster = new ProcessCluster(redis, environment);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => cluster.AddSiloAsync()));
            cluster.Gateway = ServiceProcess.Start("Gateway", environment, [
                "--address", "127.0.0.1", "--port", "0", "--http-port", "0", "--clustering", cluster._redis.Clustering,
                "--Routing:RefreshInterval=00:00:00.5", "--timeout", "00:00:30", .. gatewayArguments]);
            cluster.Port = await cluster.Gateway.WaitForPortAsync();
            cluster.OperationsPort = await cluster.Gateway.WaitForPortAsync("operations HTTP/1.1");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync(); // nothing started may outlive a failed start
            throw;
        }
    }

    public ServiceProcess Silo(int index) => _silos[index].Process;

    /// <summary>The silo as the gateway names it: its advertised address and silo port.</summary>
    public string SiloAuthority(int index) => $"127.0.0.1:{_silos[index].SiloPort.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The silo's silo-to-silo and gateway (Orleans client) ports.</summary>
    public (int SiloPort, int GatewayPort) SiloPorts(int index) => (_silos[index].SiloPort, _silos[index].GatewayPort);

    /// <summary>The gateway's operations port.</summary>
    public int OperationsPort { get; private set; }

    /// <summary>Starts one more silo process and waits until it has joined the cluster; returns its index.</summary>
    public async Task<int> AddSiloAsync()
    {
        (int siloPort, int gatewayPort) = (HostPorts.Free(), HostPorts.Free());
        ServiceProcess process = ServiceProcess.Start("Silo", _environment,
            "--address", "127.0.0.1", "--http-port", "0", "--workers", "1", "--drain-timeout", "00:00:15",
            "--clustering", _redis.Clustering, "--advertise", "127.0.0.1",
            "--silo-port", siloPort.ToString(CultureInfo.InvariantCulture), "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture));
        lock (_silos)
        {
            _silos.Add((process, 0, siloPort, gatewayPort));
        }

        int httpPort = await process.WaitForPortAsync("operations HTTP/1.1");
        lock (_silos)
        {
            int index = _silos.FindIndex(silo => silo.Process == process);
            _silos[index] = (process, httpPort, siloPort, gatewayPort);
            return index;
        }
    }

    /// <summary>What the silo's worker pool has done (its <c>/stats</c>).</summary>
    public async Task<(long Completed, long CompletedCost, long Cancelled, int Running)> SiloWorkAsync(int index)
    {
        using JsonDocument stats = JsonDocument.Parse(await Http.GetStringAsync(new Uri($"http://127.0.0.1:{_silos[index].HttpPort}/stats")));
        JsonElement pool = stats.RootElement.GetProperty("pool");
        return (pool.GetProperty("completed").GetInt64(), pool.GetProperty("completedCost").GetInt64(), pool.GetProperty("cancelled").GetInt64(),
            pool.GetProperty("running").GetInt32());
    }

    /// <summary>The silo's <c>/metrics</c> text.</summary>
    public async Task<string> SiloMetricsAsync(int index) =>
        await Http.GetStringAsync(new Uri($"http://127.0.0.1:{_silos[index].HttpPort}/metrics"));

    public async ValueTask DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        foreach (var silo in _silos)
        {
            await silo.Process.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }
}
