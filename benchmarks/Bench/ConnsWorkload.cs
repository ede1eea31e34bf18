using System.Diagnostics;
using System.Net.Sockets;

namespace OrleansFib.Bench;

/// <summary>
/// Many mostly idle connections: open them (each confirmed with one request), then every one asks at
/// once, then a fresh connection pings. With the server's PID, its memory before and after.
/// </summary>
public sealed class ConnsWorkload(int count, int dialParallelism, IReadOnlyDictionary<string, int> pids) : IWorkload
{
    // A server that serves one connection at a time leaves every other one unanswered: stop dialling after a few.
    private const int MaxFailedConnections = 8;

    public string Name => "conns";

    public string Description => $"{count} mostly idle connections, then all ask at once, then a fresh connection pings";

    public async Task<WorkloadRun> MeasureAsync(Target target, RunSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        if (target.Protocol != TargetProtocol.Line)
        {
            return new WorkloadRun([], 0, 1, "conns speaks the line protocol only");
        }

        int? pid = pids.TryGetValue(target.Name, out int id) ? id : null;
        long? before = pid is { } p1 ? ProcessMemory.ResidentKilobytes(p1) : null;
        byte[] request = FibConnection.Request(1, settings.Framing);
        var sockets = new List<Socket>(count);
        long wrong = 0, errors = 0;
        string? problem = null;
        using var dialing = new SemaphoreSlim(dialParallelism);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            await dialing.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (Interlocked.Read(ref errors) >= MaxFailedConnections)
                {
                    return;
                }

                var socket = new Socket(target.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                lock (sockets)
                {
                    sockets.Add(socket);
                }

                // A full accept backlog leaves a dial retrying SYNs for minutes: it gets the answer timeout.
                using (var dial = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    dial.CancelAfter(settings.Timeout);
                    await socket.ConnectAsync(target.EndPoint, dial.Token).ConfigureAwait(false);
                }

                Count(await AskAsync(socket, request, settings.Timeout, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                Count(Outcome.Error, $"connect: {e.Message}");
            }
            finally
            {
                dialing.Release();
            }
        })).ConfigureAwait(false);

        long? after = pid is { } p2 ? ProcessMemory.ResidentKilobytes(p2) : null;
        var all = Stopwatch.StartNew();
        Outcome[] together = await Task.WhenAll(sockets.Select(socket => AskAsync(socket, request, settings.Timeout, cancellationToken))).ConfigureAwait(false);
        double allMs = all.Elapsed.TotalMilliseconds;
        int answered = together.Count(outcome => outcome == Outcome.Correct);
        foreach (Outcome outcome in together)
        {
            Count(outcome);
        }

        IReadOnlyList<ClassResult> fresh = await Task.Run(() => LoadRunner.Run(target, [new LoadClass("fresh", 1, 1)], settings), cancellationToken).ConfigureAwait(false);
        foreach (Socket socket in sockets)
        {
            socket.Dispose();
        }

        var metrics = new List<Metric>
        {
            new("connections answered at once", answered, "conns", HigherIsBetter: true),
            Metrics.Milliseconds("all answered in", allMs),
            Metrics.Rate("fresh connection req/s", fresh[0].RequestsPerSecond),
        };
        if (before is { } rssBefore && after is { } rssAfter)
        {
            metrics.Add(new Metric("RSS before", rssBefore / 1024.0, "MB", HigherIsBetter: false));
            metrics.Add(new Metric("RSS with connections", rssAfter / 1024.0, "MB", HigherIsBetter: false));
            metrics.Add(new Metric("RSS per connection", sockets.Count > 0 ? (rssAfter - rssBefore) * 1024.0 / sockets.Count : double.NaN, "bytes", HigherIsBetter: false));
        }

        return new WorkloadRun(metrics, wrong + fresh[0].Wrong, errors + fresh[0].Errors, problem ?? fresh[0].Problem);

        void Count(Outcome outcome, string? what = null)
        {
            if (outcome == Outcome.Wrong)
            {
                Interlocked.Increment(ref wrong);
            }
            else if (outcome == Outcome.Error)
            {
                Interlocked.Increment(ref errors);
                problem ??= what ?? "an error answer";
            }
        }
    }

    private static async Task<Outcome> AskAsync(Socket socket, byte[] request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var buffer = new byte[64];
        int length = 0;
        try
        {
            await socket.SendAsync(request, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            while (length == 0 || buffer[length - 1] != (byte)'\n')
            {
                int read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (read == 0 || (length += read) == buffer.Length)
                {
                    return Outcome.Error;
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return Outcome.Error;
        }

        return buffer.AsSpan(0, length).SequenceEqual(ExpectedAnswers.For(1)) ? Outcome.Correct : buffer.AsSpan(0, length).StartsWith("ERR"u8) ? Outcome.Error : Outcome.Wrong;
    }
}
