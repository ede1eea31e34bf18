using OrleansFib.Grains;

namespace OrleansFib.Gateway;

/// <summary>
/// What <c>/stats</c> answers: connections, the local FibGrain, and each silo as this gateway sees it,
/// stamped with the gateway's monotonic clock so that readers compute rates over real time.
/// </summary>
internal sealed record GatewayStatistics(long TimestampMilliseconds, int OpenConnections, long LocalInlineCompleted, FibWorkerPoolStatistics LocalPool, IReadOnlyList<GatewaySiloStatistics> Silos);
