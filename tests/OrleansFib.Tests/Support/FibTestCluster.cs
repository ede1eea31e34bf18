using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using OrleansFib.Gateway;
using OrleansFib.Gateway.Routing;
using OrleansFib.Grains;

namespace OrleansFib.Tests.Support;

/// <summary>
/// An in-process Orleans cluster (<see cref="InProcessTestCluster"/>) whose silos host FibGrain with one
/// compute thread each, and the gateway's router and silo watcher in front of it, as the gateway wires them.
/// </summary>
internal sealed class FibTestCluster : IAsyncDisposable
{
    private readonly FibWorkerPool _gatewayPool;
    private readonly SiloWatcher _watcher;

    private FibTestCluster(InProcessTestCluster cluster, FibAlgorithm algorithm, int maxN)
    {
        Cluster = cluster;
        IOptions<FibGrainOptions> grain = Options.Create(new FibGrainOptions { Algorithm = algorithm, MaxN = maxN, Workers = 1 });
        _gatewayPool = new FibWorkerPool(grain, TestMeters.Factory);
        Directory = new RoutingTable(TestMeters.Factory, NullLogger<RoutingTable>.Instance);
        IOptions<RoutingOptions> routing = Options.Create(new RoutingOptions { RefreshInterval = TimeSpan.FromMilliseconds(200) });
        Router = new FibRouter(new FibCompute(_gatewayPool, grain, TestMeters.Factory), cluster.Client, Directory, routing, grain, new GatewayMetrics(TestMeters.Factory), NullLogger<FibRouter>.Instance);
        _watcher = new SiloWatcher(new PolledActiveSilos(cluster.Client, routing), new SiloKeyFinder(cluster.Client, NullLogger<SiloKeyFinder>.Instance),
            Directory, routing, NullLogger<SiloWatcher>.Instance);
    }

    public InProcessTestCluster Cluster { get; }

    public RoutingTable Directory { get; }

    public FibRouter Router { get; }

    /// <summary>The gateway's own pool: the cheap lane's, which silos never see.</summary>
    public FibWorkerPoolStatistics GatewayPool => _gatewayPool.Statistics;

    public static async Task<FibTestCluster> StartAsync(int silos, FibAlgorithm algorithm = FibAlgorithm.Naive, int maxN = 45)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["FibGrain:Algorithm"] = algorithm.ToString(),
                ["FibGrain:MaxN"] = maxN.ToString(CultureInfo.InvariantCulture),
                ["FibGrain:Workers"] = "1",
            });
            host.Services.AddFibGrain(host.Configuration);
        });
        InProcessTestCluster cluster = builder.Build();
        await cluster.DeployAsync();
        var test = new FibTestCluster(cluster, algorithm, maxN);
        await test._watcher.StartAsync(CancellationToken.None);
        return test;
    }

    /// <summary>A silo's compute pool: what it has computed, cancelled, is running.</summary>
    public static FibWorkerPoolStatistics Pool(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<FibWorkerPool>().Statistics;

    public IEnumerable<FibWorkerPoolStatistics> Pools => Cluster.Silos.Where(silo => silo.IsActive).Select(Pool);

    public async ValueTask DisposeAsync()
    {
        await _watcher.StopAsync(CancellationToken.None);
        _watcher.Dispose();
        await Cluster.DisposeAsync();
        _gatewayPool.Dispose();
    }
}
