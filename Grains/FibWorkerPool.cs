using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace OrleansFib.Grains;

/// <summary>
/// The stateless worker's activations: a fixed set of dedicated compute threads (never the thread pool
/// that serves sockets) fed from a bounded queue, fair between clients, shortest job first within one.
/// </summary>
/// <remarks>
/// <para>Between clients (connections), start-time fair queuing by cost (<see cref="FibClientQueue"/>):
/// the client that has been given the least work goes next, so one client's backlog of fib(45)s
/// costs another client's request at most the jobs already running.</para>
/// <para>Within a client, a job's priority is its arrival time plus its cost (cost units are about a
/// nanosecond), so a cheap job overtakes an expensive one that arrived shortly before it, but a job
/// that has waited longer than another's whole cost goes first: nothing starves.</para>
/// </remarks>
public sealed class FibWorkerPool : IDisposable
{
    /// <summary>The meter of the grain's workers, in whatever host runs them (a silo, or the gateway's embedded grain).</summary>
    public const string MeterName = "OrleansFib.Grains";

    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly Dictionary<long, FibClientQueue> _clients = [];
    private readonly SortedSet<FibClientQueue> _turns = new(FibClientQueue.TurnOrder);
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly FibAlgorithm _algorithm;
    private readonly int _maxQueueLength;
    private readonly Thread[] _threads;
    private readonly Action<FibWorkItem> _onCancelled;
    private int _queued;
    private long _queuedCost;
    private long _virtualTime; // the start of the client served last: where a client that becomes busy starts
    private long _arrivals; // clients that became busy: breaks ties between equal starts, first come first served
    private long _runningCost;
    private long _completedCost;
    private bool _stopped;
    private bool _threadsStarted;
    private int _running;
    private long _completed;
    private long _cancelled;
    private long _rejected;
    private readonly Histogram<double> _computeDuration;

    public FibWorkerPool(IOptions<FibGrainOptions> options, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        FibGrainOptions settings = options.Value;
        _algorithm = settings.Algorithm;
        _maxQueueLength = settings.MaxQueueLength;
        _onCancelled = OnCancelled;
        // Started with the first queued job: a host whose requests are all cheap, or all go to silos (a
        // cluster gateway), never runs them.
        _threads = new Thread[settings.EffectiveWorkers];
        for (int i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(RunWorker) { IsBackground = true, Name = $"fib-worker-{i}" };
        }

        Meter meter = meters.Create(MeterName);
        _computeDuration = meter.CreateHistogram<double>("orleansfib.grain.compute.duration", "s", "Time a compute thread spent on one request");
        meter.CreateObservableGauge("orleansfib.grain.queue.length", () => Statistics.Queued, "{request}", "Requests waiting for a compute thread");
        meter.CreateObservableGauge("orleansfib.grain.workers.busy", () => Statistics.Running, "{thread}", "Compute threads computing");
        meter.CreateObservableGauge("orleansfib.grain.workers", () => _threads.Length, "{thread}", "Compute threads");
        meter.CreateObservableGauge("orleansfib.grain.load", () => Statistics.Load, "{call}", "Outstanding work, queued and running, in naive-fib calls");
        meter.CreateObservableCounter("orleansfib.grain.requests", Outcomes, "{request}", "Requests the compute threads ended, by outcome");
    }

    public FibWorkerPoolStatistics Statistics
    {
        get
        {
            lock (_lock)
            {
                return new(_threads.Length, _queued, Volatile.Read(ref _running), _queuedCost, Interlocked.Read(ref _runningCost),
                    Interlocked.Read(ref _completedCost), Interlocked.Read(ref _completed), Interlocked.Read(ref _cancelled), Interlocked.Read(ref _rejected));
            }
        }
    }

    /// <summary>Queues F(<paramref name="n"/>) for <paramref name="client"/>; the task fails with <see cref="FibException"/> (busy, shutting down) or is cancelled with <paramref name="cancellationToken"/> (the caller left, or its deadline passed).</summary>
    public Task<FibNumber> EnqueueAsync(int n, long cost, long client, CancellationToken cancellationToken)
    {
        var item = new FibWorkItem(n, cost, client, cancellationToken);
        long priority = (long)(Stopwatch.GetTimestamp() * NanosecondsPerTick) + cost;

        // Armed before it is queued (a worker may take it, finish it and dispose it at once), and outside
        // the lock (a token already cancelled calls back at once, and the callback takes the lock).
        item.Arm(_onCancelled);
        lock (_lock)
        {
            if (_stopped || _queued >= _maxQueueLength)
            {
                item.Dispose();
                Interlocked.Increment(ref _rejected);
                return Task.FromException<FibNumber>(new FibException(_stopped ? FibReply.ShuttingDown : FibReply.Busy));
            }

            if (!_threadsStarted)
            {
                _threadsStarted = true;
                Array.ForEach(_threads, thread => thread.Start());
            }

            if (_clients.TryGetValue(client, out FibClientQueue? queue))
            {
                _turns.Remove(queue); // its place may change with its cheapest job
            }
            else
            {
                queue = new FibClientQueue(client, _virtualTime, _arrivals++);
                _clients.Add(client, queue);
            }

            queue.Items.Enqueue(item, priority);
            _turns.Add(queue);
            _queued++;
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
            abandoned = [.. _clients.Values.SelectMany(queue => queue.Items.UnorderedItems.Select(entry => entry.Element))];
            _clients.Clear();
            _turns.Clear();
            _queued = 0;
            _queuedCost = 0;
        }

        foreach (FibWorkItem item in abandoned)
        {
            item.TrySetException(new FibException(FibReply.ShuttingDown));
            item.Dispose();
        }

        _available.Release(_threads.Length);
    }

    private void OnCancelled(FibWorkItem item)
    {
        bool removed;
        lock (_lock)
        {
            removed = _clients.TryGetValue(item.Client, out FibClientQueue? queue) && RemoveQueued(queue, item);
        }

        // A running item is ended by its worker when the kernel sees the token.
        if (removed)
        {
            Interlocked.Increment(ref _cancelled);
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
                item = TakeNext();
                if (item is null)
                {
                    if (_stopped)
                    {
                        return;
                    }

                    continue; // a cancelled item left its signal behind
                }

                Interlocked.Increment(ref _running);
                Interlocked.Add(ref _runningCost, item.Cost);
            }

            // Counters move before the caller is released, so what it observes next is consistent.
            long started = Stopwatch.GetTimestamp();
            try
            {
                FibNumber result = FibKernels.Compute(_algorithm, item.N, item.Token);
                _computeDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
                Interlocked.Increment(ref _completed);
                Interlocked.Add(ref _completedCost, item.Cost);
                EndRunning(item);
                item.TrySetResult(result);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                EndRunning(item);
                item.Cancel();
            }
            finally
            {
                item.Dispose();
            }
        }
    }

    /// <summary>The next job: from the client whose turn it is. Under the lock.</summary>
    private FibWorkItem? TakeNext()
    {
        if (_turns.Min is not { } queue)
        {
            return null;
        }

        _turns.Remove(queue);
        _virtualTime = queue.Start;
        FibWorkItem item = queue.TakeNext();
        Requeue(queue);
        _queued--;
        _queuedCost -= item.Cost;
        return item;
    }

    /// <summary>Takes a cancelled job out of its client's queue. Under the lock.</summary>
    private bool RemoveQueued(FibClientQueue queue, FibWorkItem item)
    {
        _turns.Remove(queue);
        bool removed = queue.Items.Remove(item, out _, out _, ReferenceEqualityComparer.Instance);
        Requeue(queue);
        if (removed)
        {
            _queued--;
            _queuedCost -= item.Cost;
        }

        return removed;
    }

    /// <summary>Puts a client back in turn if it still has work, else forgets it. Under the lock.</summary>
    private void Requeue(FibClientQueue queue)
    {
        if (queue.Items.Count > 0)
        {
            _turns.Add(queue);
        }
        else
        {
            _clients.Remove(queue.Client);
        }
    }

    private IEnumerable<Measurement<long>> Outcomes()
    {
        FibWorkerPoolStatistics statistics = Statistics;
        return
        [
            new(statistics.Completed, new KeyValuePair<string, object?>("outcome", FibOutcomeLabel.Of(FibOutcome.Ok))),
            new(statistics.Cancelled, new KeyValuePair<string, object?>("outcome", FibOutcomeLabel.Of(FibOutcome.Cancelled))),
            new(statistics.Rejected, new KeyValuePair<string, object?>("outcome", FibOutcomeLabel.Of(FibOutcome.Busy))),
        ];
    }

    private void EndRunning(FibWorkItem item)
    {
        Interlocked.Add(ref _runningCost, -item.Cost);
        Interlocked.Decrement(ref _running);
    }

}
