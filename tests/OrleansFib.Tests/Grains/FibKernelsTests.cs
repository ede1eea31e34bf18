using System.Globalization;
using System.Numerics;
using OrleansFib.Grains;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Grains;

public sealed class FibKernelsTests
{
    [Fact]
    public void FastIsExactFromZeroTo93()
    {
        for (int n = 0; n <= 93; n++)
        {
            Assert.Equal(Fibonacci.Exact(n), FibKernels.Fast(n));
        }
    }

    [Fact]
    public void NaiveMatchesTheDefinitionWhereItIsCheapToRun()
    {
        for (int n = 0; n <= 27; n++)
        {
            Assert.Equal(Fibonacci.Exact(n), (BigInteger)FibKernels.Naive(n));
            Assert.Equal(Fibonacci.Exact(n), (BigInteger)FibKernels.Naive(n, CancellationToken.None));
        }
    }

    [Fact]
    public void TheNaiveCeilingIsTheLargestNWhoseAnswerFitsIn64Bits()
    {
        // Naive fib(93) would take centuries, so this pins the ceiling rather than running there:
        // F(93) needs all 64 bits of the kernel's ulong (more than a long holds), F(94) does not fit.
        BigInteger twoTo64 = BigInteger.One << 64;
        Assert.Equal(93, FibKernels.NaiveCeiling);
        Assert.True(Fibonacci.Exact(93) > long.MaxValue && Fibonacci.Exact(93) < twoTo64);
        Assert.True(Fibonacci.Exact(94) >= twoTo64);
        Assert.Throws<ArgumentOutOfRangeException>(() => FibKernels.Naive(FibKernels.NaiveCeiling + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => FibKernels.Naive(-1));
    }

    [Theory]
    [InlineData(1000, 209, "43466557686937456435", "76137795166849228875")]
    [InlineData(10000, 2090, "33644764876431783266", "66073310059947366875")]
    public void FastComputesLargeNumbersExactly(int n, int digits, string leading, string trailing)
    {
        string value = FibKernels.Fast(n).ToString(CultureInfo.InvariantCulture);

        Assert.Equal(digits, value.Length);
        Assert.StartsWith(leading, value, StringComparison.Ordinal);
        Assert.EndsWith(trailing, value, StringComparison.Ordinal);
    }

    [Fact]
    public void CancelledNaiveStopsInsteadOfFinishing()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        // fib(90) would run for centuries: only the cancellation check can end this call.
        Assert.Throws<OperationCanceledException>(() => FibKernels.Naive(90, cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => FibKernels.Fast(1_000_000, cancelled.Token));
    }

    [Fact]
    public void NaiveCostIsTheNumberOfCallsTheSeedsMake()
    {
        // calls(1) = calls(2) = 1, calls(n) = 1 + calls(n-1) + calls(n-2): the seeds' fib with its n <= 2 base case.
        var calls = new long[80];
        calls[1] = calls[2] = 1;
        for (int n = 3; n < calls.Length; n++)
        {
            calls[n] = 1 + calls[n - 1] + calls[n - 2];
        }

        for (int n = 1; n < calls.Length; n++)
        {
            Assert.Equal(Math.Min(calls[n], FibCost.Max), FibCost.Naive(n));
        }

        Assert.Equal(FibCost.Max, FibCost.Naive(93));
    }

    [Fact]
    public void FastCostGrowsWithNButStaysFarBelowNaive()
    {
        Assert.True(FibCost.Fast(100_000) > FibCost.Fast(1_000));
        Assert.True(FibCost.Fast(1_000) < FibCost.Naive(40));
    }
}
