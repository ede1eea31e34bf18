using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OrleansFib.Hosting;

namespace OrleansFib.Grains;

/// <summary>
/// The stateless worker's activations: a fixed set of dedicated compute threads (never the thread pool
/// that serves sockets) fed from a bounded queue in shortest-job-first order with aging.
/// </summary>
/// <remarks>
/// A job's priority is its arrival time plus its cost (cost units are about a nanosecond), so a cheap
/// job overtakes an expensive one that arrived shortly before it, but a job that has waited longer
/// than another's whole cost goes first: nothing starves, and a fib(1) never waits behind a fib(40).
/// </remarks>
public sealed class FibWorkerPool : IDisposable
{
    /// <summary>The meter of the grain's workers, in whatever host runs them (a silo, or the gateway's embedded grain).</summary>
    public const string MeterName = "OrleansFib.Grains";

    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly PriorityQueue<FibWorkItem, long> _queue = new();
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly FibAlgorithm _algorithm;
    private readonly int _maxQueueLength;
    private readonly Thread[] _threads;
    private readonly Action<FibWorkItem> _onCancelled;
    private long _queuedCost;
    private long _runningCost;
    private long _completedCost;
    private bool _stopped;
    private int _running;
    private long _completed;
    private long _cancelled;
    private long _timedOut;
    private long _rejected;
    private readonly Histogram<double>? _computeDuration;

    public FibWorkerPool(IOptions<FibGrainOptions> options)
        : this(options, null)
    {
    }

    public FibWorkerPool(IOptions<FibGrainOptions> options, IMeterFactory? meters)
    {
        ArgumentNullException.ThrowIfNull(options);
        FibGrainOptions settings = options.Value;
        _algorithm = settings.Algorithm;
        _maxQueueLength = settings.MaxQueueLength;
        _onCancelled = OnCancelled;
        _threads = new Thread[settings.EffectiveWorkers];
        for (int i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(RunWorker) { IsBackground = true, Name = $"fib-worker-{i}" };
            _threads[i].Start();
        }

        if (meters is not null)
        {
            Meter meter = meters.Create(MeterName);
            _computeDuration = meter.CreateHistogram("orleansfib.grain.compute.duration", "s", "Time a compute thread spent on one request",
                advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MetricBuckets.Seconds });
            meter.CreateObservableGauge("orleansfib.grain.queue.length", () => Statistics.Queued, "{request}", "Requests waiting for a compute thread");
            meter.CreateObservableGauge("orleansfib.grain.workers.busy", () => Statistics.Running, "{thread}", "Compute threads computing");
            meter.CreateObservableGauge("orleansfib.grain.workers", () => _threads.Length, "{thread}", "Compute threads");
            meter.CreateObservableGauge("orleansfib.grain.load", () => Statistics.Load, "{call}", "Outstanding work, queued and running, in naive-fib calls");
            meter.CreateObservableCounter("orleansfib.grain.requests", Outcomes, "{request}", "Requests the compute threads ended, by outcome");
        }
    }

    public FibWorkerPoolStatistics Statistics
    {
        get
        {
            lock (_lock)
            {
                return new(_threads.Length, _queue.Count, Volatile.Read(ref _running), _queuedCost, Interlocked.Read(ref _runningCost),
                    Interlocked.Read(ref _completedCost), Interlocked.Read(ref _completed), Interlocked.Read(ref _cancelled), Interlocked.Read(ref _timedOut), Interlocked.Read(ref _rejected));
            }
        }
    }

    /// <summary>Queues F(<paramref name="n"/>); the task fails with <see cref="FibException"/> (busy, timeout, unavailable) or is cancelled with <paramref name="cancellationToken"/>.</summary>
    public Task<FibNumber> EnqueueAsync(int n, long cost, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var item = new FibWorkItem(n, cost, cancellationToken);
        long priority = (long)(Stopwatch.GetTimestamp() * NanosecondsPerTick) + cost;

        // Armed before it is queued (a worker may take it, finish it and dispose it at once), and outside
        // the lock (a token already cancelled calls back at once, and the callback takes the lock).
        item.Arm(timeout, _onCancelled);
        lock (_lock)
        {
            if (_stopped || _queue.Count >= _maxQueueLength)
            {
                item.Dispose();
                Interlocked.Increment(ref _rejected);
                return Task.FromException<FibNumber>(_stopped ? new FibException(FibErrorKind.Unavailable, "shutting down") : FibException.Busy());
            }

            _queue.Enqueue(item, priority);
            _queuedCost += cost;
        }

        if (item.Token.IsCancellationRequested)
        {
            OnCancelled(item); // cancelled while it was being queued: its callback found nothing to remove
        }

        _available.Release();
        return item.Task;
    }

    public void Dispose()
    {
        List<FibWorkItem> abandoned;
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            abandoned = [.. _queue.UnorderedItems.Select(entry => entry.Element)];
            _queue.Clear();
            _queuedCost = 0;
        }

        foreach (FibWorkItem item in abandoned)
        {
            item.TrySetException(new FibException(FibErrorKind.Unavailable, "shutting down"));
            item.Dispose();
        }

        _available.Release(_threads.Length);
    }

    private void OnCancelled(FibWorkItem item)
    {
        bool removed;
        lock (_lock)
        {
            removed = _queue.Remove(item, out _, out _, ReferenceEqualityComparer.Instance);
            if (removed)
            {
                _queuedCost -= item.Cost;
            }
        }

        // A running item is ended by its worker when the kernel sees the token.
        if (removed)
        {
            Count(item.TimedOut);
            item.Cancel();

            // Not disposed here: this runs inside the cancellation's own callback.
            ThreadPool.UnsafeQueueUserWorkItem(static done => done.Dispose(), item, preferLocal: false);
        }
    }

    private void RunWorker()
    {
        while (true)
        {
            _available.Wait();
            FibWorkItem? item;
            lock (_lock)
            {
                if (!_queue.TryDequeue(out item, out _))
                {
                    if (_stopped)
                    {
                        return;
                    }

                    continue; // a cancelled item left its signal behind
                }

                _queuedCost -= item.Cost;
                Interlocked.Increment(ref _running);
                Interlocked.Add(ref _runningCost, item.Cost);
            }

            // Counters move before the caller is released, so what it observes next is consistent.
            long started = Stopwatch.GetTimestamp();
            try
            {
                FibNumber result = FibKernels.Compute(_algorithm, item.N, item.Token);
                _computeDuration?.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
                Interlocked.Increment(ref _completed);
                Interlocked.Add(ref _completedCost, item.Cost);
                EndRunning(item);
                item.TrySetResult(result);
            }
            catch (OperationCanceledException)
            {
                Count(item.TimedOut);
                EndRunning(item);
                item.Cancel();
            }
            finally
            {
                item.Dispose();
            }
        }
    }

    private IEnumerable<Measurement<long>> Outcomes()
    {
        FibWorkerPoolStatistics statistics = Statistics;
        return
        [
            new(statistics.Completed, new KeyValuePair<string, object?>("outcome", "completed")),
            new(statistics.Cancelled, new KeyValuePair<string, object?>("outcome", "cancelled")),
            new(statistics.TimedOut, new KeyValuePair<string, object?>("outcome", "timeout")),
            new(statistics.Rejected, new KeyValuePair<string, object?>("outcome", "busy")),
        ];
    }

    private void EndRunning(FibWorkItem item)
    {
        Interlocked.Add(ref _runningCost, -item.Cost);
        Interlocked.Decrement(ref _running);
    }

    private void Count(bool timedOut) => Interlocked.Increment(ref timedOut ? ref _timedOut : ref _cancelled);
}
