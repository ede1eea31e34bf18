namespace OrleansFib.Hosting;

/// <summary>Histogram bucket bounds for durations in seconds: from a cheap request (tens of µs) to a long fib (tens of s).</summary>
public static class MetricBuckets
{
    public static IReadOnlyList<double> Seconds { get; } =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
}
