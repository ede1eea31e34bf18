using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace OrleansFib.Grains;

/// <summary>
/// A host's compute, behind every <see cref="FibGrain"/> activation: runs cheap requests on the
/// caller's thread (no queue hop, no allocation) and queues the rest in the worker pool. n was checked
/// where the request entered (the gateway's dispatcher); the kernels refuse what they cannot compute.
/// </summary>
public sealed class FibCompute
{
    private readonly FibWorkerPool _pool;
    private readonly FibAlgorithm _algorithm;
    private readonly long _inlineMaxCost;
    private long _inlineCompleted;

    public FibCompute(FibWorkerPool pool, IOptions<FibGrainOptions> options, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        meters.Create(FibWorkerPool.MeterName).CreateObservableCounter(
            "orleansfib.grain.inline", () => InlineCompleted, "{request}", "Requests cheap enough to be answered on the caller's thread");
        _pool = pool;
        _algorithm = options.Value.Algorithm;
        _inlineMaxCost = options.Value.InlineMaxCost;
    }

    /// <summary>Requests answered inline, on the caller's thread (the worker pool counts the rest).</summary>
    public long InlineCompleted => Interlocked.Read(ref _inlineCompleted);

    /// <summary>Whether F(<paramref name="n"/>) is cheap enough to compute on the caller's thread, at once.</summary>
    public bool IsInline(int n) => FibCost.Of(_algorithm, n) <= _inlineMaxCost;

    /// <summary>F(n), or a <see cref="FibException"/> (busy, shutting down), or cancelled with <paramref name="cancellationToken"/> (the caller left, or its deadline passed).</summary>
    public ValueTask<FibNumber> ComputeAsync(FibRequest request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<FibNumber>(cancellationToken);
        }

        int n = request.N;
        long cost = FibCost.Of(_algorithm, n);
        if (cost > _inlineMaxCost)
        {
            return new ValueTask<FibNumber>(_pool.EnqueueAsync(n, cost, request.Client, cancellationToken));
        }

        return new ValueTask<FibNumber>(ComputeInline(n));
    }

    /// <summary>F(<paramref name="n"/>) on this thread, for a request that <see cref="IsInline"/> says is cheap.</summary>
    public FibNumber ComputeInline(int n)
    {
        Interlocked.Increment(ref _inlineCompleted);
        return FibKernels.Compute(_algorithm, n, CancellationToken.None);
    }
}
