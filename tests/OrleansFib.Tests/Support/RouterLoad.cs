using OrleansFib.Gateway.Cluster;
using OrleansFib.Grains;

namespace OrleansFib.Tests.Support;

/// <summary>Callers of a router that each ask F(n) for n from 24 to 28, one request at a time, and check every answer; for at most a few minutes.</summary>
internal sealed class RouterLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromMinutes(3));
    private readonly List<string> _errors = [];
    private readonly Task[] _callers;
    private long _answers;

    public RouterLoad(FibRouter router, int callers) =>
        _callers = [.. Enumerable.Range(0, callers).Select(seed => Task.Run(() => RunAsync(router, new Random(seed))))];

    public long Answers => Interlocked.Read(ref _answers);

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public Task AnsweredAtLeastAsync(long answers) => Eventually.TrueAsync(() => Answers >= answers, $"{answers} answers");

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_callers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(FibRouter router, Random random)
    {
        while (!_stop.IsCancellationRequested)
        {
            int n = random.Next(24, 29);
            FibReply reply = await router.ComputeAsync(new FibRequest(n), CancellationToken.None);
            if (!reply.IsAnswer || reply.Value.ToBigInteger() != Fibonacci.Exact(n))
            {
                lock (_errors)
                {
                    _errors.Add($"{n} -> {reply}");
                }
            }

            Interlocked.Increment(ref _answers);
        }
    }
}
