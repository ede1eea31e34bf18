namespace OrleansFib.Bench;

/// <summary>What one class of connections measured: counts, request rates and latencies (milliseconds).</summary>
public sealed class ClassResult(LoadClass load, double seconds, long correct, long wrong, long errors, double[] latenciesMs, double[] perConnectionRps, string? problem)
{
    public LoadClass Load { get; } = load;

    public long Correct { get; } = correct;

    public long Wrong { get; } = wrong;

    public long Errors { get; } = errors;

    public string? Problem { get; } = problem;

    public double RequestsPerSecond => seconds > 0 ? Correct / seconds : 0;

    public IReadOnlyList<double> PerConnectionRps { get; } = perConnectionRps;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double Max => latenciesMs.Length == 0 ? double.NaN : latenciesMs[^1];

    private double Percentile(double p) => latenciesMs.Length == 0 ? double.NaN : latenciesMs[(int)Math.Min(latenciesMs.Length - 1, Math.Floor(p * latenciesMs.Length))];
}
