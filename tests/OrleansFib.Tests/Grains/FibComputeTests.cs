using Microsoft.Extensions.Options;
using OrleansFib.Grains;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Grains;

public sealed class FibComputeTests : IDisposable
{
    private static readonly FibRequest Template = new(0);
    private readonly FibWorkerPool _pool;
    private readonly FibCompute _compute;

    public FibComputeTests()
    {
        var options = Options.Create(new FibGrainOptions { Workers = 1, MaxN = 40 });
        _pool = new FibWorkerPool(options, TestMeters.Factory);
        _compute = new FibCompute(_pool, options, TestMeters.Factory);
    }

    [Fact]
    public async Task CheapRequestsAreAnsweredOnTheCallersThread()
    {
        ValueTask<FibNumber> answer = _compute.ComputeAsync(Template with { N = 20 }, CancellationToken.None);

        Assert.True(answer.IsCompletedSuccessfully);
        Assert.Equal(Fibonacci.Exact(20), (await answer).ToBigInteger());
        Assert.Equal(0, _pool.Statistics.Completed);
    }

    [Fact]
    public async Task CostlyRequestsRunOnTheWorkers()
    {
        FibNumber answer = await _compute.ComputeAsync(Template with { N = 30 }, CancellationToken.None);

        Assert.Equal(Fibonacci.Exact(30), answer.ToBigInteger());
        Assert.Equal(1, _pool.Statistics.Completed);
    }

    [Fact]
    public async Task TheFastAlgorithmAnswersInDecimalDigits()
    {
        var options = Options.Create(new FibGrainOptions { Algorithm = FibAlgorithm.Fast, Workers = 1 });
        using var pool = new FibWorkerPool(options, TestMeters.Factory);
        var compute = new FibCompute(pool, options, TestMeters.Factory);

        FibNumber answer = await compute.ComputeAsync(Template with { N = 100_000 }, CancellationToken.None);

        Assert.Equal(20899, answer.ToString().Length);
        Assert.Equal(Fibonacci.Exact(100_000), answer.ToBigInteger());
    }

    [Fact]
    public async Task ACancelledCallerGetsNothingComputed()
    {
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _compute.ComputeAsync(Template with { N = 30 }, gone.Token).AsTask());
        Assert.Equal(0, _pool.Statistics.Completed);
    }

    public void Dispose() => _pool.Dispose();
}
