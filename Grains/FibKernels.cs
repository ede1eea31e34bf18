using System.Numerics;
using System.Runtime.CompilerServices;

namespace OrleansFib.Grains;

/// <summary>The two ways of computing F(n). Pure functions; scheduling lives elsewhere.</summary>
public static class FibKernels
{
    /// <summary>The largest n whose F(n) fits in 64 bits: the naive kernel's hard ceiling.</summary>
    public const int NaiveCeiling = 93;

    /// <summary>
    /// Below this n the cancellable kernel recurses without looking at its token: one check per
    /// subtree of at most 2·F(24)−1 ≈ 93 000 calls (~70 µs), so a check costs nothing measurable and
    /// a cancellation lands within a tenth of a millisecond.
    /// </summary>
    internal const int UncheckedDepth = 24;

    /// <summary>The seeds' fib: doubly recursive, 2·F(n)−1 calls. It is the benchmark's workload: keep it naive.</summary>
    public static ulong Naive(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, NaiveCeiling);
        return n == 0 ? 0 : Recurse(n);
    }

    /// <summary><see cref="Naive(int)"/>, stopping with <see cref="OperationCanceledException"/> soon after <paramref name="cancellationToken"/> is cancelled.</summary>
    public static ulong Naive(int n, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, NaiveCeiling);
        return n == 0 ? 0 : RecurseCancellable(n, cancellationToken);
    }

    /// <summary>Fast doubling: F(2k) = F(k)·(2F(k+1) − F(k)), F(2k+1) = F(k)² + F(k+1)².</summary>
    public static BigInteger Fast(int n, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        BigInteger a = BigInteger.Zero, b = BigInteger.One; // F(k), F(k+1) for k = the bits of n read so far
        for (int bit = BitOperations.Log2((uint)Math.Max(n, 1)); bit >= 0; bit--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            BigInteger even = a * ((b << 1) - a);
            BigInteger odd = (a * a) + (b * b);
            (a, b) = ((n >> bit) & 1) == 0 ? (even, odd) : (odd, even + odd);
        }

        return a;
    }

    /// <summary>F(n) by <paramref name="algorithm"/>; n must be within the algorithm's ceiling.</summary>
    public static FibNumber Compute(FibAlgorithm algorithm, int n, CancellationToken cancellationToken) => algorithm == FibAlgorithm.Naive
        ? new FibNumber(Naive(n, cancellationToken))
        : new FibNumber(Fast(n, cancellationToken));

    /// <remarks>
    /// Compiled fully optimized at its first call, with one level of its own recursion inlined: the code
    /// Dynamic PGO makes when the first hot calls are deep ones. Left to tiering, a process whose profile
    /// was taken from fib(1) calls, or one that never leaves Tier0 in time (one processor multiplies the
    /// tiering delay), runs a much slower code (figures in docs/performance.md).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.AggressiveInlining)]
    private static ulong Recurse(int n) => n <= 2 ? 1 : Recurse(n - 1) + Recurse(n - 2);

    private static ulong RecurseCancellable(int n, CancellationToken cancellationToken)
    {
        if (n <= UncheckedDepth)
        {
            return Recurse(n);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return RecurseCancellable(n - 1, cancellationToken) + RecurseCancellable(n - 2, cancellationToken);
    }
}
