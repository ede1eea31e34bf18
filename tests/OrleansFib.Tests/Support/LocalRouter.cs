using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansFib.Gateway;
using OrleansFib.Gateway.Routing;
using OrleansFib.Grains;

namespace OrleansFib.Tests.Support;

/// <summary>A router that answers everything in the gateway (no silo is ever asked), for protocol tests without a cluster.</summary>
internal static class LocalRouter
{
    public static FibRouter Create(FibWorkerPool pool, IOptions<FibGrainOptions> grain) =>
        new(new FibCompute(pool, grain, TestMeters.Factory), grains: null!, new RoutingTable(TestMeters.Factory, NullLogger<RoutingTable>.Instance),
            Options.Create(new RoutingOptions { LocalMaxN = int.MaxValue }), grain, new GatewayMetrics(TestMeters.Factory), NullLogger<FibRouter>.Instance);
}
