using System.Diagnostics;

namespace OrleansFib.Bench;

/// <summary>
/// Runs classes of ping-pong connections against one server for a warm-up and a measured duration,
/// each connection on its own thread, and checks every answer. It ends by itself: after the duration,
/// or after the socket timeout if the server stops answering.
/// </summary>
public static class LoadRunner
{
    public static IReadOnlyList<ClassResult> Run(Target target, IReadOnlyList<LoadClass> classes, RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(settings);

        // All connections are open before any request: a server that serves one connection at a time shows it.
        using HttpClient? h2c = target.Protocol == TargetProtocol.H2c ? H2cConnection.CreateClient(target.EndPoint, settings.Timeout) : null;
        var workers = new List<Worker>();
        foreach (LoadClass load in classes)
        {
            for (int i = 0; i < load.Connections; i++)
            {
                workers.Add(new Worker(load, h2c is null ? Connect(target, settings) : new H2cConnection(h2c), FibConnection.Request(load.N, settings.Framing)));
            }
        }

        long start = Stopwatch.GetTimestamp();
        long measureFrom = start + Ticks(settings.Warmup);
        long end = measureFrom + Ticks(settings.Duration);
        Thread[] threads = [.. workers.Select(worker => new Thread(() => worker.Run(measureFrom, end)) { IsBackground = true })];
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        foreach (Worker worker in workers)
        {
            worker.Connection?.Dispose();
        }

        double seconds = settings.Duration.TotalSeconds;
        return [.. classes.Select(load =>
        {
            Worker[] mine = [.. workers.Where(worker => worker.Load == load)];
            double[] latencies = [.. mine.SelectMany(worker => worker.LatenciesMs).Order()];
            return new ClassResult(load, seconds, mine.Sum(w => w.Correct), mine.Sum(w => w.Wrong), mine.Sum(w => w.Errors), latencies,
                [.. mine.Select(w => w.Correct / seconds)], mine.Select(w => w.Problem).FirstOrDefault(p => p is not null));
        })];
    }

    private static FibConnection? Connect(Target target, RunSettings settings)
    {
        try
        {
            return FibConnection.Open(target.EndPoint, settings.Timeout);
        }
        catch (System.Net.Sockets.SocketException)
        {
            return null; // counted as an error by its worker
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private sealed class Worker(LoadClass load, IAskingConnection? connection, byte[] request)
    {
        private static readonly double MillisecondsPerTick = 1000.0 / Stopwatch.Frequency;

        public LoadClass Load { get; } = load;

        public IAskingConnection? Connection { get; } = connection;

        public List<double> LatenciesMs { get; } = [];

        public long Correct { get; private set; }

        public long Wrong { get; private set; }

        public long Errors { get; private set; }

        public string? Problem { get; private set; }

        public void Run(long measureFrom, long end)
        {
            if (Connection is null)
            {
                (Errors, Problem) = (1, "cannot connect");
                return;
            }

            long now = Stopwatch.GetTimestamp();
            while (now < end)
            {
                Outcome outcome = Connection.Ask(request, Load.N);
                long done = Stopwatch.GetTimestamp();
                if (outcome != Outcome.Correct)
                {
                    // Wrong answers and errors count whenever they happen, warm-up included.
                    if (outcome == Outcome.Wrong)
                    {
                        Wrong++;
                    }
                    else
                    {
                        Errors++;
                    }

                    Problem ??= Connection.LastProblem;
                    if (Connection.IsBroken)
                    {
                        return; // a server that does not answer this connection will not start to
                    }
                }
                else if (now >= measureFrom && done <= end)
                {
                    Correct++;
                    LatenciesMs.Add((done - now) * MillisecondsPerTick);
                }

                now = done;
            }
        }
    }
}
