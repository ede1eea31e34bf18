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
    public void NaiveKeepsAll64BitsAtItsCeiling()
    {
        // F(93) is the largest Fibonacci number below 2^64; a signed 64-bit kernel would overflow there.
        BigInteger f93 = BigInteger.Parse("12200160415121876738", CultureInfo.InvariantCulture);
        Assert.True(f93 > long.MaxValue && f93 < ulong.MaxValue);
        Assert.Equal(f93, Fibonacci.Exact(93));
        Assert.Equal(93, FibKernels.NaiveCeiling);
        Assert.Equal(Fibonacci.Exact(93), FibKernels.Compute(FibAlgorithm.Fast, 93, CancellationToken.None).ToBigInteger());
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
