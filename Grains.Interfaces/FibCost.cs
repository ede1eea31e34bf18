using System.Numerics;

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

    /// <summary>Fast doubling: about log2(n) big multiplications of up to 0.7·n bits, Karatsuba-like, plus the decimal formatting.</summary>
    public static long Fast(int n)
    {
        if (n < 2)
        {
            return 1;
        }

        double bits = 0.7 * n;
        double cost = (0.05 * Math.Pow(bits, 1.6)) + (20 * BitOperations.Log2((uint)n));
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
