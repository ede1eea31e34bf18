namespace OrleansFib.Grains;

/// <summary>A snapshot of a worker pool's counters, for metrics, readiness and tests.</summary>
public readonly record struct FibWorkerPoolStatistics(
    int Workers,
    int Queued,
    int Running,
    long QueuedCost,
    long Completed,
    long Cancelled,
    long TimedOut,
    long Rejected);
