using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace OrleansFib.Grains;

/// <summary>
/// A host's compute, behind every <see cref="FibGrain"/> activation: checks n, runs cheap requests on
/// the caller's thread (no queue hop, no allocation) and queues the rest in the worker pool.
/// </summary>
public sealed class FibCompute
{
    private readonly FibWorkerPool _pool;
    private readonly FibAlgorithm _algorithm;
    private readonly int _maxN;
    private readonly long _inlineMaxCost;
    private long _inlineCompleted;

    public FibCompute(FibWorkerPool pool, IOptions<FibGrainOptions> options, IMeterFactory? meters = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        meters?.Create(FibWorkerPool.MeterName).CreateObservableCounter(
            "orleansfib.grain.inline", () => InlineCompleted, "{request}", "Requests cheap enough to be answered on the caller's thread");
        _pool = pool;
        _algorithm = options.Value.Algorithm;
        _maxN = options.Value.EffectiveMaxN;
        _inlineMaxCost = options.Value.InlineMaxCost;
    }

    /// <summary>Requests answered inline, on the caller's thread (the worker pool counts the rest).</summary>
    public long InlineCompleted => Interlocked.Read(ref _inlineCompleted);

    /// <summary>F(n), or a <see cref="FibException"/> (invalid, busy, timeout, unavailable), or cancelled with <paramref name="cancellationToken"/>.</summary>
    public ValueTask<FibNumber> ComputeAsync(FibRequest request, CancellationToken cancellationToken)
    {
        int n = request.N;
        if (n < 0)
        {
            return ValueTask.FromException<FibNumber>(new FibException(FibErrorKind.Invalid, "n must be >= 0"));
        }

        if (n > _maxN)
        {
            return ValueTask.FromException<FibNumber>(FibException.LimitExceeded(n, _maxN));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<FibNumber>(cancellationToken);
        }

        long cost = FibCost.Of(_algorithm, n);
        if (cost > _inlineMaxCost)
        {
            return new ValueTask<FibNumber>(_pool.EnqueueAsync(n, cost, request.Timeout, request.Client, cancellationToken));
        }

        Interlocked.Increment(ref _inlineCompleted);
        return new ValueTask<FibNumber>(FibKernels.Compute(_algorithm, n, CancellationToken.None));
    }
}
