namespace OrleansFib.Bench;

/// <summary>perf1.py: fib(n) asked over and over on one connection; how long each answer takes.</summary>
public sealed class LatencyWorkload(int n) : IWorkload
{
    public string Name => "latency";

    public string Description => $"sequential fib({n}) on one connection, like perf1.py";

    public async Task<WorkloadRun> MeasureAsync(Target target, RunSettings settings, CancellationToken cancellationToken)
    {
        IReadOnlyList<ClassResult> results = await Task.Run(() => LoadRunner.Run(target, [new LoadClass("latency", 1, n)], settings), cancellationToken).ConfigureAwait(false);
        return WorkloadRun.From(results, [.. Metrics.Latencies(string.Empty, results[0]), Metrics.Rate("req/s", results[0].RequestsPerSecond)]);
    }
}
