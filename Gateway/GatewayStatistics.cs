using OrleansFib.Grains;

namespace OrleansFib.Gateway;

/// <summary>What <c>/stats</c> answers: connections, the local FibGrain, and each silo as this gateway sees it.</summary>
internal sealed record GatewayStatistics(int OpenConnections, long LocalInlineCompleted, FibWorkerPoolStatistics LocalPool, IReadOnlyList<SiloStatistics> Silos);
