namespace OrleansFib.Bench;

/// <summary>One figure of one run, and which way is better (for the ratio against the first target).</summary>
public sealed record Metric(string Name, double Value, string Unit, bool HigherIsBetter);
