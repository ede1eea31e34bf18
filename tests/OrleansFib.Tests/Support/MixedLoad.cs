using System.Globalization;

namespace OrleansFib.Tests.Support;

/// <summary>
/// Clients that each ask F(n) for n drawn from a range, one request at a time, and check every answer:
/// over sockets to a gateway, or straight to a router. Runs until stopped, or for at most a few minutes.
/// </summary>
internal sealed class MixedLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromMinutes(3));
    private readonly List<string> _errors = [];
    private readonly Task[] _clients;
    private long _answers;
    private long _slowestTicks;

    public MixedLoad(int port, int connections, int minN, int maxN)
        : this(async () => await LineClient.ConnectAsync(port), connections, minN, maxN)
    {
    }

    public MixedLoad(Func<Task<IFibAsker>> connect, int clients, int minN, int maxN) =>
        _clients = [.. Enumerable.Range(0, clients).Select(seed => Task.Run(() => RunAsync(connect, new Random(seed), minN, maxN)))];

    public long Answers => Interlocked.Read(ref _answers);

    /// <summary>The longest any one answer took.</summary>
    public TimeSpan Slowest => TimeSpan.FromTicks(Interlocked.Read(ref _slowestTicks));

    /// <summary>Every answer that was an ERR line or a wrong number, with what was asked.</summary>
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

    /// <summary>Stops the clients after their current request and waits for them.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_clients);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(Func<Task<IFibAsker>> connect, Random random, int minN, int maxN)
    {
        await using IFibAsker client = await connect();
        while (!_stop.IsCancellationRequested)
        {
            int n = random.Next(minN, maxN + 1);
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            string? answer = await client.AskAsync(n.ToString(CultureInfo.InvariantCulture));
            long took = System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks;
            for (long slowest = Interlocked.Read(ref _slowestTicks); took > slowest; slowest = Interlocked.Read(ref _slowestTicks))
            {
                Interlocked.CompareExchange(ref _slowestTicks, took, slowest);
            }

            if (answer != Fibonacci.Line(n))
            {
                lock (_errors)
                {
                    _errors.Add($"{n} -> {answer ?? "(closed)"}");
                }

                if (answer is null)
                {
                    return;
                }
            }

            Interlocked.Increment(ref _answers);
        }
    }
}
