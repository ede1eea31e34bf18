namespace OrleansFib.Grains;

/// <summary>A snapshot of a worker pool's counters, for metrics, readiness and tests.</summary>
public readonly record struct FibWorkerPoolStatistics(
    int Workers,
    int Queued,
    int Running,
    long QueuedCost,
    long RunningCost,
    long CompletedCost,
    long Completed,
    long Cancelled,
    long Rejected)
{
    /// <summary>The work this pool still has to do: what a router balances on.</summary>
    public long Load => QueuedCost + RunningCost;
}
