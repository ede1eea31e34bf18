namespace OrleansFib.Bench;

/// <summary>One run of a workload against one target.</summary>
public sealed record WorkloadRun(IReadOnlyList<Metric> Metrics, long Wrong, long Errors, string? Problem)
{
    public static WorkloadRun From(IReadOnlyList<ClassResult> classes, params Metric[] metrics) =>
        new(metrics, classes.Sum(c => c.Wrong), classes.Sum(c => c.Errors), classes.Select(c => c.Problem).FirstOrDefault(p => p is not null));
}
