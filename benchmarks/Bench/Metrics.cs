namespace OrleansFib.Bench;

/// <summary>The figures every ping-pong class reports, named after the class.</summary>
public static class Metrics
{
    public static Metric Rate(string name, double value) => new(name, value, "req/s", HigherIsBetter: true);

    public static Metric Milliseconds(string name, double value) => new(name, value, "ms", HigherIsBetter: false);

    /// <summary>How evenly the class's connections were served: the slowest one's rate, and its share of the fastest one's.</summary>
    public static IEnumerable<Metric> Shares(string prefix, ClassResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.PerConnectionRps.Count < 2)
        {
            yield break;
        }

        double slowest = result.PerConnectionRps.Min(), fastest = result.PerConnectionRps.Max();
        yield return Rate($"{prefix}req/s, slowest connection", slowest);
        yield return new Metric($"{prefix}slowest ÷ fastest connection", fastest > 0 ? slowest / fastest : 0, "×", HigherIsBetter: true);
    }

    public static IEnumerable<Metric> Latencies(string prefix, ClassResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        yield return Milliseconds($"{prefix}p50", result.P50);
        yield return Milliseconds($"{prefix}p99", result.P99);
        yield return Milliseconds($"{prefix}max", result.Max);
    }
}
