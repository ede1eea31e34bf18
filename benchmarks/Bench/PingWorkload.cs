namespace OrleansFib.Bench;

/// <summary>perf2.py: connections ping-ponging fib(1); the rate, per connection too, and the latency.</summary>
public sealed class PingWorkload(int connections) : IWorkload
{
    public string Name => "ping";

    public string Description => $"{connections} connection(s) ping-ponging fib(1), like perf2.py";

    public async Task<WorkloadRun> MeasureAsync(Target target, RunSettings settings, CancellationToken cancellationToken)
    {
        IReadOnlyList<ClassResult> results = await Task.Run(() => LoadRunner.Run(target, [new LoadClass("ping", connections, 1)], settings), cancellationToken).ConfigureAwait(false);
        ClassResult ping = results[0];
        return WorkloadRun.From(results, [
            Metrics.Rate("req/s", ping.RequestsPerSecond),
            .. Metrics.Shares(string.Empty, ping),
            .. Metrics.Latencies(string.Empty, ping)]);
    }
}
