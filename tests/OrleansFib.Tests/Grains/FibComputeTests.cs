using Microsoft.Extensions.Options;
using OrleansFib.Grains;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Grains;

public sealed class FibComputeTests : IDisposable
{
    private static readonly FibRequest Template = new(0, TimeSpan.FromSeconds(30));
    private readonly FibWorkerPool _pool;
    private readonly FibCompute _compute;

    public FibComputeTests()
    {
        var options = Options.Create(new FibGrainOptions { Workers = 1, MaxN = 40 });
        _pool = new FibWorkerPool(options);
        _compute = new FibCompute(_pool, options);
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
    public async Task RequestsAboveTheLimitAreRefusedWithTheLimit()
    {
        var refused = await Assert.ThrowsAsync<FibException>(() => _compute.ComputeAsync(Template with { N = 500 }, CancellationToken.None).AsTask());

        Assert.Equal(FibErrorKind.Invalid, refused.Kind);
        Assert.Equal("n=500 exceeds the limit of 40", refused.Message);
    }

    [Fact]
    public async Task NegativeRequestsAreRefused()
    {
        var refused = await Assert.ThrowsAsync<FibException>(() => _compute.ComputeAsync(Template with { N = -1 }, CancellationToken.None).AsTask());

        Assert.Equal("n must be >= 0", refused.Message);
    }

    [Fact]
    public async Task TheFastAlgorithmHasItsOwnLargerLimit()
    {
        var options = Options.Create(new FibGrainOptions { Algorithm = FibAlgorithm.Fast, Workers = 1 });
        using var pool = new FibWorkerPool(options);
        var grain = new FibCompute(pool, options);

        FibNumber answer = await grain.ComputeAsync(Template with { N = 100_000 }, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<FibException>(() => grain.ComputeAsync(Template with { N = 100_001 }, CancellationToken.None).AsTask());

        Assert.Equal(20899, answer.ToString().Length);
        Assert.Equal("n=100001 exceeds the limit of 100000", refused.Message);
    }

    public void Dispose() => _pool.Dispose();
}
