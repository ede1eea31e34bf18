using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Gateway;

/// <summary>The embedded gateway over real sockets on 127.0.0.1, as netcat, perf2.py and Bench see it.</summary>
[Collection(GatewayTestGroup.Name)]
public sealed class GatewayEndToEndTests(GatewayFixture gateway)
{
    [Fact]
    public async Task ANewlineClientGetsEachAnswerOnItsOwnLine()
    {
        await using LineClient client = await LineClient.ConnectAsync(gateway.Port);

        Assert.Equal("832040", await client.AskAsync("30"));
        Assert.Equal("0", await client.AskAsync("0"));
        Assert.Equal(Fibonacci.Line(45), await client.AskAsync(" 45 \r"));
    }

    [Fact]
    public async Task ABareReadClientLikePerf2IsAnsweredPerSend()
    {
        await using LineClient client = await LineClient.ConnectAsync(gateway.Port);

        for (int i = 0; i < 200; i++)
        {
            Assert.Equal("1\n", await client.AskBareAsync("1"));
        }

        Assert.Equal("832040\n", await client.AskBareAsync("30"));
    }

    [Fact]
    public async Task PipelinedRequestsInOnePacketAreAllAnsweredInOrder()
    {
        await using LineClient client = await LineClient.ConnectAsync(gateway.Port);

        await client.SendAsync(string.Concat(Enumerable.Range(0, 36).Reverse().Select(n => $"{n}\n")));

        foreach (int n in Enumerable.Range(0, 36).Reverse())
        {
            string? answer = await client.ReadLineAsync();
            Assert.True(answer == Fibonacci.Line(n), $"fib({n}) answered {answer}; the pool: {gateway.Pool.Statistics}");
        }
    }

    [Theory]
    [InlineData("abc", "ERR not a number: \"abc\"")]
    [InlineData("-7", "ERR n must be >= 0")]
    [InlineData("100000", "ERR n=100000 exceeds the limit of 45")]
    [InlineData("", "ERR empty request")]
    [InlineData("\u00e9t\u00e9", "ERR request is not ASCII")]
    [InlineData("11111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111", "ERR line too long")]
    public async Task BadInputIsAnsweredAndHarmsNothing(string request, string error)
    {
        await using LineClient bystander = await LineClient.ConnectAsync(gateway.Port);
        await using LineClient client = await LineClient.ConnectAsync(gateway.Port);

        await client.SendAsync(System.Text.Encoding.UTF8.GetBytes(request + "\n"));

        Assert.Equal(error, await client.ReadLineAsync());
        Assert.Equal("55", await client.AskAsync("10"));
        Assert.Equal("6765", await bystander.AskAsync("20"));
    }

    [Fact]
    public async Task AThousandConcurrentConnectionsAreAllAnsweredCorrectly()
    {
        const int Connections = 1000;
        using var dialing = new SemaphoreSlim(64);
        LineClient[] clients = await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            await dialing.WaitAsync();
            try
            {
                return await LineClient.ConnectAsync(gateway.Port);
            }
            finally
            {
                dialing.Release();
            }
        }));
        try
        {
            string?[] answers = await Task.WhenAll(clients.Select((client, i) => client.AskAsync((i % 28).ToString(System.Globalization.CultureInfo.InvariantCulture))));

            for (int i = 0; i < Connections; i++)
            {
                Assert.Equal(Fibonacci.Line(i % 28), answers[i]);
            }
        }
        finally
        {
            foreach (LineClient client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task AClientThatResetsTheConnectionHasItsWorkCancelled()
    {
        long cancelledBefore = gateway.Pool.Statistics.Cancelled;
        long completedBefore = gateway.Pool.Statistics.Completed;
        await using LineClient client = await LineClient.ConnectAsync(gateway.Port);

        // fib(45) runs for seconds: it is still running when the client goes.
        await client.SendAsync("45\n");
        await Eventually.TrueAsync(() => gateway.Pool.Statistics.Running == 1, "the request runs");
        client.Reset();

        await Eventually.TrueAsync(() => gateway.Pool.Statistics.Cancelled == cancelledBefore + 1, "the work is cancelled");
        Assert.Equal(completedBefore, gateway.Pool.Statistics.Completed);
        Assert.Equal(0, gateway.Pool.Statistics.Running);
    }

    [Fact]
    public async Task AClientThatHalfClosesLikeNetcatDashNStillGetsItsAnswers()
    {
        await using LineClient client = await LineClient.ConnectAsync(gateway.Port);

        await client.SendAsync("35\n1\n");
        client.ShutdownSend();

        Assert.Equal(Fibonacci.Line(35), await client.ReadLineAsync());
        Assert.Equal("1", await client.ReadLineAsync());
        Assert.Null(await client.ReadLineAsync());
    }
}
