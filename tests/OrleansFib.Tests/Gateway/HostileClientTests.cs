using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Gateway;

/// <summary>Clients that abuse the gateway cost the others a bounded wait, never the process.</summary>
[Trait(SlowSuite.Trait, SlowSuite.Value)]
[Collection(GatewayTestGroup.Name)]
public sealed partial class HostileClientTests(GatewayFixture gateway)
{
    [Fact]
    public async Task AClientThatHalfClosesAndLeavesBeforeItsAnswersLeavesNothingRunning()
    {
        await using var process = ServiceProcess.Start("Gateway", "--address", "127.0.0.1", "--port", "0", "--http-port", "0", "--workers", "1");
        int port = await process.WaitForPortAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{await process.WaitForPortAsync("operations HTTP/1.1")}") };

        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            await socket.SendAsync(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("30\n", 500))));
            socket.Shutdown(SocketShutdown.Send);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            Assert.True(await socket.ReceiveAsync(new byte[100], SocketFlags.None, timeout.Token) > 0);
        }

        await Eventually.TrueAsync(async () => await OpenConnectionsAsync(http) == 0, "the session has ended");
        TimeSpan before = CpuTime(process.Id);
        await Task.Delay(TimeSpan.FromSeconds(1)); // a window to measure CPU in, not a wait for something to happen
        TimeSpan used = CpuTime(process.Id) - before;
        Assert.True(used < TimeSpan.FromMilliseconds(500), $"the idle gateway used {used.TotalMilliseconds} ms of CPU in a second");
    }

    [Fact]
    public async Task PastTheOpenFileLimitConnectionsAreRefusedAndTheOthersServed()
    {
        await using var process = ServiceProcess.Start("Gateway", new Dictionary<string, string>(), ["prlimit", "--nofile=1000:1000"],
            "--address", "127.0.0.1", "--port", "0", "--http-port", "0");
        int port = await process.WaitForPortAsync();
        int allowed = int.Parse((await process.WaitForOutputAsync(MaxConnectionsLowered())).Groups[1].Value, CultureInfo.InvariantCulture);
        await using LineClient canary = await LineClient.ConnectAsync(port);
        var served = new List<LineClient>();
        int refused = 0;
        try
        {
            // More than the process has file descriptors for: without a limit, accept() would fail with EMFILE.
            for (int i = 0; i < 1100; i++)
            {
                LineClient client = await LineClient.ConnectAsync(port);
                string? answer = await client.AskAsync("1");
                if (answer == "1")
                {
                    served.Add(client);
                    continue;
                }

                Assert.Equal("ERR too many connections", answer);
                refused++;
                await client.DisposeAsync();
            }

            Assert.Equal(allowed - 1, served.Count);
            Assert.Equal(1100 - (allowed - 1), refused);
            Assert.Equal(Fibonacci.Line(25), await canary.AskAsync("25"));
            Assert.False(process.HasExited);
        }
        finally
        {
            foreach (LineClient client in served)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ACanaryIsAnsweredWhileAnotherConnectionHasAThousandExpensiveRequestsQueued()
    {
        await using LineClient hog = await LineClient.ConnectAsync(gateway.Port);
        await hog.SendAsync(string.Concat(Enumerable.Repeat("45\n", 1000)));
        await Eventually.TrueAsync(() => gateway.Pool.Statistics is { Running: 2, Queued: > 0 }, "the hog fills the workers and the queue");

        await using LineClient canary = await LineClient.ConnectAsync(gateway.Port);
        Assert.Equal(Fibonacci.Line(25), await canary.AskAsync("25"));

        hog.Reset();
        await Eventually.TrueAsync(() => gateway.Pool.Statistics is { Running: 0, Queued: 0 }, "the hog's work is cancelled");
    }

    [Fact]
    public async Task ACanaryIsAnsweredWhileAnotherConnectionStreamsALineThatNeverEndsUntilItIsClosed()
    {
        const long Bound = 1L << 30;
        using var streamer = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await streamer.ConnectAsync(new IPEndPoint(IPAddress.Loopback, gateway.Port));
        Task<long> streaming = Task.Run(async () =>
        {
            byte[] chunk = Encoding.ASCII.GetBytes(new string('7', 64 * 1024));
            long sent = 0;
            try
            {
                while (sent < Bound)
                {
                    sent += await streamer.SendAsync(chunk);
                }
            }
            catch (SocketException)
            {
                // The gateway closed the connection: what this test waits for.
            }

            return sent;
        });

        await using LineClient canary = await LineClient.ConnectAsync(gateway.Port);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal("1", await canary.AskAsync("1"));
        }

        Assert.True(await streaming < Bound, "the gateway closed the connection that streamed a line that never ends");
    }

    private static async Task<int> OpenConnectionsAsync(HttpClient http)
    {
        using JsonDocument stats = JsonDocument.Parse(await http.GetStringAsync("/stats"));
        return stats.RootElement.GetProperty("openConnections").GetInt32();
    }

    /// <summary>User plus system CPU time of a process, from <c>/proc/PID/stat</c> (in clock ticks of 10 ms).</summary>
    private static TimeSpan CpuTime(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    [GeneratedRegex(@"MaxConnections lowered from \d+ to (\d+)")]
    private static partial Regex MaxConnectionsLowered();
}
