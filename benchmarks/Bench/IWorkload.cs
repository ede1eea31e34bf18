namespace OrleansFib.Bench;

/// <summary>One of the talk's measurements (or one of ours), run against one target at a time.</summary>
public interface IWorkload
{
    string Name { get; }

    string Description { get; }

    Task<WorkloadRun> MeasureAsync(Target target, RunSettings settings, CancellationToken cancellationToken);
}
