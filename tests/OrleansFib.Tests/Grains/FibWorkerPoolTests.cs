using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansFib.Grains;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Grains;

[Collection(TimingSensitiveGroup.Name)]
public sealed class FibWorkerPoolTests : IDisposable
{
    // Long enough to hold the only worker until the test releases it, whatever the machine's speed.
    private const int Blocker = 60;

    private readonly FibWorkerPool _pool = new(Options.Create(new FibGrainOptions { Workers = 1, MaxQueueLength = 2 }), TestMeters.Factory);
    private readonly CancellationTokenSource _release = new();

    [Fact]
    public async Task ShortJobsOvertakeLongOnesThatArrivedJustBefore()
    {
        Task blocked = await OccupyTheWorkerAsync();
        var finished = new List<int>();
        Task<FibNumber> slow = _pool.EnqueueAsync(32, FibCost.Naive(32), 0, CancellationToken.None);
        Task<FibNumber> quick = _pool.EnqueueAsync(22, FibCost.Naive(22), 0, CancellationToken.None);
        Task recorded = Task.WhenAll(
            slow.ContinueWith(_ => { lock (finished) { finished.Add(32); } }, TaskScheduler.Default),
            quick.ContinueWith(_ => { lock (finished) { finished.Add(22); } }, TaskScheduler.Default));

        await _release.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked);
        await recorded;

        Assert.Equal([22, 32], finished);
        Assert.Equal(Fibonacci.Exact(32), (await slow).ToBigInteger());
        Assert.Equal(Fibonacci.Exact(22), (await quick).ToBigInteger());
    }

    [Fact]
    public async Task AClientWithABacklogWaitsBehindAnotherClientsNewRequest()
    {
        // Client 1 queues cheaper work first; client 2's single, dearer request still gets the second turn.
        List<string> finished = await FinishingOrderAsync(blockerClient: 0, ("1a", 1, 31), ("1b", 1, 31), ("1c", 1, 31), ("2", 2, 32));

        Assert.Equal(["1a", "2", "1b", "1c"], finished);
    }

    [Fact]
    public async Task AClientJustServedComesBackBehindTheClientsThatWaited()
    {
        // Client 1's queue is empty while its request runs; it asks again after client 2 (smaller ids won ties once).
        List<string> finished = await FinishingOrderAsync(blockerClient: 1, ("2", 2, 31), ("1", 1, 31));

        Assert.Equal(["2", "1"], finished);
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(1, 3)]
    [InlineData(2, 3)]
    [InlineData(2, 5)]
    public async Task EqualPingPongClientsGetEqualShares(int workers, int clients)
    {
        // Each client asks the same n again as soon as its answer comes, as perf2.py does: between two
        // requests its queue is empty, and it asks again while the others' jobs run. The slowest client
        // must get nearly what the fastest gets.
        const int N = 30;
        int rounds = 40 * clients;
        using var pool = new FibWorkerPool(Options.Create(new FibGrainOptions { Workers = workers }), TestMeters.Factory);
        var answered = new int[clients];
        int total = 0;
        async Task PingPongAsync(int client)
        {
            while (Volatile.Read(ref total) < rounds)
            {
                await pool.EnqueueAsync(N, FibCost.Naive(N), client + 1000, CancellationToken.None);
                answered[client]++;
                Interlocked.Increment(ref total);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(() => PingPongAsync(client))));

        Assert.True(answered.Min() >= 0.7 * answered.Max(), $"answers per client: {string.Join(" / ", answered)}");
    }

    [Fact]
    public async Task AFullQueueAnswersBusy()
    {
        Task blocked = await OccupyTheWorkerAsync();
        Task<FibNumber> first = _pool.EnqueueAsync(30, FibCost.Naive(30), 0, _release.Token);
        Task<FibNumber> second = _pool.EnqueueAsync(30, FibCost.Naive(30), 0, _release.Token);

        var busy = await Assert.ThrowsAsync<FibException>(() => _pool.EnqueueAsync(30, FibCost.Naive(30), 0, CancellationToken.None));

        Assert.Equal(FibReply.Busy, busy.Reply);
        Assert.Equal(1, _pool.Statistics.Rejected);
        await _release.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(blocked, first, second));
    }

    [Fact]
    public async Task ACallerThatLeavesTakesItsQueuedWorkOutOfTheQueue()
    {
        Task blocked = await OccupyTheWorkerAsync();
        using var caller = new CancellationTokenSource();
        Task<FibNumber> queued = _pool.EnqueueAsync(40, FibCost.Naive(40), 0, caller.Token);
        Assert.Equal(1, _pool.Statistics.Queued);

        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.Equal(0, _pool.Statistics.Queued);
        Assert.Equal(0, _pool.Statistics.QueuedCost);
        Assert.Equal(1, _pool.Statistics.Cancelled);
        await _release.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked);
    }

    [Fact]
    public async Task RunningWorkStopsWhenItsCallerCancels()
    {
        using var deadline = new CancellationTokenSource();
        Task<FibNumber> running = _pool.EnqueueAsync(Blocker, FibCost.Naive(Blocker), 0, deadline.Token);
        await Eventually.TrueAsync(() => _pool.Statistics.Running == 1, "the request runs");

        deadline.CancelAfter(TimeSpan.FromMilliseconds(50)); // as a request's deadline does

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await Eventually.TrueAsync(() => _pool.Statistics is { Running: 0, Cancelled: 1 }, "the worker is free again");
    }

    [Fact]
    public async Task WorkLeftInTheQueueAtShutdownIsAnsweredUnavailable()
    {
        Task blocked = await OccupyTheWorkerAsync();
        Task<FibNumber> queued = _pool.EnqueueAsync(30, FibCost.Naive(30), 0, CancellationToken.None);

        _pool.Dispose();

        Assert.Equal(FibReply.ShuttingDown, (await Assert.ThrowsAsync<FibException>(() => queued)).Reply);
        Assert.Equal(FibReply.ShuttingDown, (await Assert.ThrowsAsync<FibException>(() => _pool.EnqueueAsync(1, 1, 0, CancellationToken.None))).Reply);
        await _release.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked);
    }

    public void Dispose()
    {
        _release.Cancel();
        _release.Dispose();
        _pool.Dispose();
    }

    /// <summary>
    /// Queues <paramref name="jobs"/> on a one-worker pool while a job of <paramref name="blockerClient"/> holds
    /// the worker, releases it, and returns the order the jobs finished in (jobs of a few milliseconds each,
    /// so the order their continuations record is the order they ran).
    /// </summary>
    /// <summary>
    /// The order in which one worker finishes <paramref name="jobs"/>, queued while a blocker runs. Read on the
    /// worker itself, not from the jobs' continuations (which run later, on the thread pool, in any order under
    /// load): each compute duration is recorded just before its job's task completes, so at each recording the
    /// jobs already complete are exactly those that finished before.
    /// </summary>
    private async Task<List<string>> FinishingOrderAsync(long blockerClient, params (string Name, long Client, int N)[] jobs)
    {
        using ServiceProvider meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        IMeterFactory factory = meters.GetRequiredService<IMeterFactory>();
        using var pool = new FibWorkerPool(Options.Create(new FibGrainOptions { Workers = 1 }), factory);
        Task<FibNumber> blocker = pool.EnqueueAsync(Blocker, FibCost.Naive(Blocker), blockerClient, _release.Token);
        await Eventually.TrueAsync(() => pool.Statistics.Running == 1, "the blocker runs");

        var tasks = new Task<FibNumber>[jobs.Length];
        var finished = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "orleansfib.grain.compute.duration" && instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) =>
        {
            lock (finished)
            {
                finished.AddRange(jobs.Where((job, index) => tasks[index].IsCompleted && !finished.Contains(job.Name)).Select(job => job.Name));
            }
        });
        listener.Start();

        for (int index = 0; index < jobs.Length; index++)
        {
            tasks[index] = pool.EnqueueAsync(jobs[index].N, FibCost.Naive(jobs[index].N), jobs[index].Client, CancellationToken.None);
        }

        await _release.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocker);
        await Task.WhenAll(tasks);
        finished.AddRange(jobs.Select(job => job.Name).Except(finished)); // the last: no recording follows it
        return finished;
    }

    /// <summary>Puts a job on the only worker that runs until <see cref="_release"/> is cancelled.</summary>
    private async Task<Task> OccupyTheWorkerAsync()
    {
        Task<FibNumber> blocker = _pool.EnqueueAsync(Blocker, FibCost.Naive(Blocker), 0, _release.Token);
        await Eventually.TrueAsync(() => _pool.Statistics.Running == 1, "the blocker runs");
        return blocker;
    }
}
