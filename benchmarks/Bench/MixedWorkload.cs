namespace OrleansFib.Bench;

/// <summary>
/// The talk's experiment: ping connections while heavy connections ask fib(n). Each class is reported
/// on its own, and the ping rate also as a share of an unloaded ping run on the same target.
/// </summary>
public sealed class MixedWorkload(int pingConnections, int heavyConnections, int n) : IWorkload
{
    public string Name => "mixed";

    public string Description => $"{pingConnections} ping connection(s) while {heavyConnections} connection(s) ask fib({n})";

    public async Task<WorkloadRun> MeasureAsync(Target target, RunSettings settings, CancellationToken cancellationToken)
    {
        var ping = new LoadClass("ping", pingConnections, 1);
        var heavy = new LoadClass("heavy", heavyConnections, n);
        IReadOnlyList<ClassResult> unloaded = await Task.Run(() => LoadRunner.Run(target, [ping], settings), cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ClassResult> loaded = await Task.Run(() => LoadRunner.Run(target, [heavy, ping], settings), cancellationToken).ConfigureAwait(false);
        ClassResult heavyResult = loaded[0], pingResult = loaded[1];
        double alone = unloaded[0].RequestsPerSecond;
        WorkloadRun run = WorkloadRun.From([.. unloaded, .. loaded], [
            Metrics.Rate("ping req/s", pingResult.RequestsPerSecond),
            Metrics.Rate("ping req/s unloaded", alone),
            new Metric("ping share of unloaded", alone > 0 ? pingResult.RequestsPerSecond / alone : 0, "×", HigherIsBetter: true),
            Metrics.Milliseconds("ping p99", pingResult.P99),
            .. Metrics.Shares("ping ", pingResult),
            Metrics.Rate($"fib({n}) req/s", heavyResult.RequestsPerSecond),
            .. Metrics.Shares($"fib({n}) ", heavyResult),
            Metrics.Milliseconds($"fib({n}) p50", heavyResult.P50)]);
        return run;
    }
}
