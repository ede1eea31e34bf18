namespace OrleansFib.Bench;

/// <summary>One workload's figures for one target, the median over the rounds, and everything that went wrong.</summary>
public sealed record TargetResult(Target Target, IReadOnlyList<Metric> Metrics, long Wrong, long Errors, string? Problem);
