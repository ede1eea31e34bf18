using Spectre.Console;

namespace OrleansFib.Bench;

/// <summary>
/// Runs one workload against every target, interleaved (round 1: A, B, C; round 2: A, B, C; ...), so a
/// noisy moment on the machine is shared, and keeps each figure's median over the rounds.
/// </summary>
public static class BenchRunner
{
    public static async Task<IReadOnlyList<TargetResult>> RunAsync(IWorkload workload, IReadOnlyList<Target> targets, RunSettings settings, int rounds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(targets);
        var runs = targets.ToDictionary(target => target, _ => new List<WorkloadRun>());
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                ProgressTask task = progress.AddTask($"{workload.Name}: {workload.Description}", maxValue: rounds * targets.Count);
                for (int round = 0; round < rounds; round++)
                {
                    foreach (Target target in targets)
                    {
                        task.Description = $"{workload.Name} · round {round + 1}/{rounds} · {target.Name}";
                        runs[target].Add(await workload.MeasureAsync(target, settings, cancellationToken).ConfigureAwait(false));
                        task.Increment(1);
                    }
                }
            }).ConfigureAwait(false);

        return [.. targets.Select(target => Median(target, runs[target]))];
    }

    private static TargetResult Median(Target target, List<WorkloadRun> runs)
    {
        IReadOnlyList<Metric> metrics = [.. runs[0].Metrics.Select((metric, i) =>
        {
            double[] values = [.. runs.Select(run => run.Metrics[i].Value).Order()];
            return metric with { Value = values[values.Length / 2] };
        })];
        return new TargetResult(target, metrics, runs.Sum(run => run.Wrong), runs.Sum(run => run.Errors), runs.Select(run => run.Problem).FirstOrDefault(p => p is not null));
    }
}
