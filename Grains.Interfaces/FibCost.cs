namespace OrleansFib.Grains;

/// <summary>
/// What a request will cost, known before it starts: the unit is one call of the naive kernel
/// (about 0.8 ns on the machines measured). Schedulers and routers compare costs; they are not a clock.
/// </summary>
public static class FibCost
{
    /// <summary>Costs are capped here so sums of many of them cannot overflow.</summary>
    public const long Max = long.MaxValue / 1024;

    // F(0..92) fit in a long; naive costs beyond are capped anyway.
    private static readonly long[] NaiveCosts = BuildNaiveCosts();

    /// <summary>The estimated cost of F(<paramref name="n"/>) with <paramref name="algorithm"/>.</summary>
    public static long Of(FibAlgorithm algorithm, int n) => algorithm switch
    {
        FibAlgorithm.Naive => Naive(n),
        FibAlgorithm.Fast => Fast(n),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    /// <summary>Exactly the calls the naive kernel makes: 2·F(n)−1, and 1 for n = 0.</summary>
    public static long Naive(int n) => n < 0 ? 1 : n < NaiveCosts.Length ? NaiveCosts[n] : Max;

    /// <summary>
    /// Fast doubling, fitted to measurements (benchmarks/): the multiplications grow as n^1.57, and the
    /// conversion of the answer to decimal, which dominates above n ≈ 10 000, as n².
    /// </summary>
    public static long Fast(int n)
    {
        double size = Math.Max(n, 0);
        double cost = 6_500 + (1.45e6 * Math.Pow(size / 1e5, 1.57)) + (1.5e-3 * size * size);
        return (long)Math.Min(cost, Max);
    }

    private static long[] BuildNaiveCosts()
    {
        var costs = new List<long> { 1, 1 };
        long previous = 0, current = 1;
        while (true)
        {
            long next = previous + current;
            if (next > Max / 2)
            {
                return [.. costs];
            }

            previous = current;
            current = next;
            costs.Add((2 * current) - 1);
        }
    }
}
