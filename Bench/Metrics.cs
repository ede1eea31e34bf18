namespace OrleansFib.Bench;

/// <summary>The figures every ping-pong class reports, named after the class.</summary>
public static class Metrics
{
    public static Metric Rate(string name, double value) => new(name, value, "req/s", HigherIsBetter: true);

    public static Metric Milliseconds(string name, double value) => new(name, value, "ms", HigherIsBetter: false);

    public static IEnumerable<Metric> Latencies(string prefix, ClassResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        yield return Milliseconds($"{prefix}p50", result.P50);
        yield return Milliseconds($"{prefix}p99", result.P99);
        yield return Milliseconds($"{prefix}max", result.Max);
    }
}
