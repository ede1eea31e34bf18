namespace OrleansFib.Bench;

/// <summary>
/// Connections asking fib(n) as fast as answers come: the rate, and how close it is to what the cores
/// could do (cores ÷ the time of one fib(n), measured on the same target just before).
/// </summary>
public sealed class ThroughputWorkload(int connections, int n, int cores) : IWorkload
{
    public string Name => "throughput";

    public string Description => $"{connections} connection(s) asking fib({n}); ideal = {cores} core(s) ÷ t(fib({n}))";

    public async Task<WorkloadRun> MeasureAsync(Target target, RunSettings settings, CancellationToken cancellationToken)
    {
        RunSettings probe = settings with { Warmup = TimeSpan.FromSeconds(0.5), Duration = TimeSpan.FromSeconds(1) };
        IReadOnlyList<ClassResult> single = await Task.Run(() => LoadRunner.Run(target, [new LoadClass("single", 1, n)], probe), cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ClassResult> loaded = await Task.Run(() => LoadRunner.Run(target, [new LoadClass("throughput", connections, n)], settings), cancellationToken).ConfigureAwait(false);
        double ideal = single[0].P50 > 0 ? cores * 1000 / single[0].P50 : double.NaN;
        double rate = loaded[0].RequestsPerSecond;
        return WorkloadRun.From([.. single, .. loaded], [
            Metrics.Rate("req/s", rate),
            Metrics.Rate("ideal req/s", ideal),
            new Metric("of ideal", rate / ideal, "×", HigherIsBetter: true),
            .. Metrics.Shares(string.Empty, loaded[0]),
            Metrics.Milliseconds("p50", loaded[0].P50),
            Metrics.Milliseconds("max", loaded[0].Max),
            new Metric("answers", loaded[0].Correct, "", HigherIsBetter: true)]);
    }
}
