using System.Text.Json;

namespace OrleansFib.Tests.Support;

/// <summary>
/// Silo processes and a gateway process on 127.0.0.1. The gateway reads the silo list from a file it
/// re-reads twice a second, so tests can add and replace silos while it runs. Everything is stopped,
/// by PID, and the file removed, when the test ends.
/// </summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _silosFile = Path.Combine(Path.GetTempPath(), $"orleansfib-silos-{Guid.NewGuid():N}.txt");
    private readonly List<(ServiceProcess Process, int Port, int HealthPort)> _silos = [];

    private ProcessCluster()
    {
    }

    public ServiceProcess? Gateway { get; private set; }

    public int Port { get; private set; }

    public int SiloCount => _silos.Count;

    public static async Task<ProcessCluster> StartAsync(int silos, params string[] gatewayArguments)
    {
        var cluster = new ProcessCluster();
        await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => cluster.StartSiloAsync()));
        cluster.WriteSilosFile();
        cluster.Gateway = ServiceProcess.Start("Gateway", [
            "--address", "127.0.0.1", "--port", "0", "--http-port", "0", "--silos", "file:" + cluster._silosFile,
            "--Cluster:RefreshInterval=00:00:00.5", "--timeout", "00:00:30", .. gatewayArguments]);
        cluster.Port = await cluster.Gateway.WaitForPortAsync();
        return cluster;
    }

    public ServiceProcess Silo(int index) => _silos[index].Process;

    /// <summary>Starts one more silo process; with <paramref name="announce"/>, also writes it into the gateway's list.</summary>
    public async Task<int> AddSiloAsync(bool announce = true)
    {
        await StartSiloAsync();
        if (announce)
        {
            WriteSilosFile();
        }

        return _silos.Count - 1;
    }

    /// <summary>Rewrites the gateway's list with the silos that still run.</summary>
    public void WriteSilosFile()
    {
        IEnumerable<string> live;
        lock (_silos)
        {
            live = [.. _silos.Where(silo => !silo.Process.HasExited).Select(silo => $"127.0.0.1:{silo.Port}")];
        }

        string temporary = _silosFile + ".new";
        File.WriteAllLines(temporary, live);
        File.Move(temporary, _silosFile, overwrite: true); // atomic: the gateway never reads half a file
    }

    /// <summary>What the silo's worker pool has done (its <c>/stats</c>).</summary>
    public async Task<(long Completed, long CompletedCost, long Cancelled)> SiloWorkAsync(int index)
    {
        using JsonDocument stats = JsonDocument.Parse(await Http.GetStringAsync(new Uri($"http://127.0.0.1:{_silos[index].HealthPort}/stats")));
        JsonElement pool = stats.RootElement.GetProperty("pool");
        return (pool.GetProperty("completed").GetInt64(), pool.GetProperty("completedCost").GetInt64(), pool.GetProperty("cancelled").GetInt64());
    }

    /// <summary>The silo's <c>/metrics</c> text.</summary>
    public async Task<string> SiloMetricsAsync(int index) =>
        await Http.GetStringAsync(new Uri($"http://127.0.0.1:{_silos[index].HealthPort}/metrics"));

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

        File.Delete(_silosFile);
    }

    private async Task StartSiloAsync()
    {
        ServiceProcess process = ServiceProcess.Start("Silo", "--address", "127.0.0.1", "--port", "0", "--health-port", "0", "--workers", "1", "--drain-timeout", "00:00:15");
        int port = await process.WaitForPortAsync("grain HTTP/2");
        int healthPort = await process.WaitForPortAsync("operations HTTP/1.1");
        lock (_silos)
        {
            _silos.Add((process, port, healthPort));
        }
    }
}
