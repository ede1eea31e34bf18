using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansFib.Gateway;
using OrleansFib.Grains;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Gateway;

public sealed class FibConnectionHandlerTests : IDisposable
{
    // Runs until cancelled, whatever the machine's speed.
    private const string Endless = "60\n";

    private readonly FibWorkerPool _pool;
    private readonly TestLifetime _lifetime = new();
    private readonly FibConnectionHandler _handler;

    public FibConnectionHandlerTests()
    {
        var grainOptions = Options.Create(new FibGrainOptions { Workers = 3, MaxN = 60 });
        var gatewayOptions = Options.Create(new GatewayOptions
        {
            MaxInFlightPerConnection = 2, MaxConnections = 2, MaxLineLength = 20, MaxOverlongBytes = 1000, DrainTimeout = TimeSpan.FromMilliseconds(50),
        });
        _pool = new FibWorkerPool(grainOptions, TestMeters.Factory);
        var dispatcher = new RequestDispatcher(LocalRouter.Create(_pool, grainOptions), gatewayOptions, grainOptions, new GatewayMetrics(TestMeters.Factory), NullLogger<RequestDispatcher>.Instance);
        _handler = new FibConnectionHandler(dispatcher, gatewayOptions, _lifetime, TestMeters.Factory, NullLogger<FibConnectionHandler>.Instance);
    }

    [Fact]
    public async Task PipelinedRequestsAreAnsweredInOrder()
    {
        using var connection = new PipeConnection();
        Task serving = _handler.OnConnectedAsync(connection.Context);

        await connection.SendAsync("32\n1\nabc\n27\n2\n");

        Assert.Equal(Fibonacci.Line(32), await connection.ReadLineAsync());
        Assert.Equal("1", await connection.ReadLineAsync());
        Assert.Equal("ERR not a number: \"abc\"", await connection.ReadLineAsync());
        Assert.Equal(Fibonacci.Line(27), await connection.ReadLineAsync());
        Assert.Equal("1", await connection.ReadLineAsync());
        await connection.ResetAsync();
        await serving;
    }

    [Fact]
    public async Task EveryBadInputIsAnsweredAndTheConnectionCarriesOn()
    {
        using var connection = new PipeConnection();
        Task serving = _handler.OnConnectedAsync(connection.Context);

        await connection.SendAsync("1\nabc\n-3\n61\n\n12345678901234567890123\n\u00e9\n99999999999\n10\n");

        string[] expected =
        [
            "1", "ERR not a number: \"abc\"", "ERR n must be >= 0", "ERR n=61 exceeds the limit of 60", "ERR empty request",
            "ERR line too long", "ERR request is not ASCII", "ERR n=99999999999 is too large", "55",
        ];
        foreach (string line in expected)
        {
            Assert.Equal(line, await connection.ReadLineAsync());
        }

        await connection.ResetAsync();
        await serving;
    }

    [Fact]
    public async Task PipelinedWorkRunsConcurrentlyUpToTheLimitAndAResetCancelsIt()
    {
        using var connection = new PipeConnection();
        Task serving = _handler.OnConnectedAsync(connection.Context);

        // Three endless requests, two allowed in flight: two run at once, the third is not even read.
        await connection.SendAsync(Endless + Endless + Endless);
        await Eventually.TrueAsync(() => _pool.Statistics.Running == 2, "two requests run");
        Assert.Equal(0, _pool.Statistics.Queued);

        await connection.ResetAsync();
        await serving;

        await Eventually.TrueAsync(() => _pool.Statistics.Running == 0, "the workers are free");
        Assert.Equal(2, _pool.Statistics.Cancelled);
        Assert.Equal(0, _pool.Statistics.Completed);
    }

    [Fact]
    public async Task ACloseRequestFinishesTheWorkInFlightAndEndsTheConnection()
    {
        using var connection = new PipeConnection();
        Task serving = _handler.OnConnectedAsync(connection.Context);

        await connection.SendAsync("30\n");
        connection.RequestClose();

        Assert.Equal(Fibonacci.Line(30), await connection.ReadLineAsync());
        await serving;
        Assert.Equal(0, _handler.OpenConnections);
    }

    [Fact]
    public async Task AHalfClosedConnectionIsStillAnsweredThenEnded()
    {
        using var connection = new PipeConnection();
        Task serving = _handler.OnConnectedAsync(connection.Context);

        await connection.SendAsync("30\n29\n");
        await connection.HalfCloseAsync();

        Assert.Equal(Fibonacci.Line(30), await connection.ReadLineAsync());
        Assert.Equal(Fibonacci.Line(29), await connection.ReadLineAsync());
        Assert.True(await connection.AtEndAsync(serving));
        Assert.Equal(0, _pool.Statistics.Cancelled);
    }

    [Fact]
    public async Task AHalfCloseWhileWaitingForRoomStillAnswersEveryRequest()
    {
        using var connection = new PipeConnection();
        Task serving = _handler.OnConnectedAsync(connection.Context);

        // Two in flight, three more waiting to be read when the client half-closes.
        await connection.SendAsync("31\n30\n29\n28\n27\n");
        await connection.HalfCloseAsync();

        foreach (int n in new[] { 31, 30, 29, 28, 27 })
        {
            Assert.Equal(Fibonacci.Line(n), await connection.ReadLineAsync());
        }

        Assert.True(await connection.AtEndAsync(serving));
    }

    [Fact]
    public async Task WorkStillRunningWhenTheDrainTimeoutEndsIsCancelled()
    {
        using var connection = new PipeConnection();
        Task serving = _handler.OnConnectedAsync(connection.Context);
        await connection.SendAsync(Endless);
        await Eventually.TrueAsync(() => _pool.Statistics.Running == 1, "the request runs");

        _lifetime.StopApplication();
        connection.RequestClose();

        Assert.True(await connection.AtEndAsync(serving));
        await Eventually.TrueAsync(() => _pool.Statistics.Cancelled == 1, "the work is cancelled");
    }

    [Fact]
    public async Task ConnectionsBeyondTheLimitAreToldSoAndClosed()
    {
        using var first = new PipeConnection();
        using var second = new PipeConnection();
        using var third = new PipeConnection();
        Task serving1 = _handler.OnConnectedAsync(first.Context);
        Task serving2 = _handler.OnConnectedAsync(second.Context);

        await _handler.OnConnectedAsync(third.Context);

        Assert.Equal("ERR too many connections", await third.ReadLineAsync());
        Assert.Equal("1", await (await AskAsync(first, "1\n")).ReadLineAsync());
        await first.ResetAsync();
        await second.ResetAsync();
        await Task.WhenAll(serving1, serving2);
    }

    [Fact]
    public async Task AConnectionThatKeepsSendingOverlongLinesIsToldSoAndClosed()
    {
        using var connection = new PipeConnection();
        Task serving = _handler.OnConnectedAsync(connection.Context);

        await connection.SendAsync("1\n" + new string('7', 600));
        await connection.SendAsync(new string('7', 600));

        Assert.Equal("1", await connection.ReadLineAsync());
        Assert.Equal("ERR line too long", await connection.ReadLineAsync());
        Assert.Equal("ERR too much bad input, closing", await connection.ReadLineAsync());
        Assert.True(await connection.AtEndAsync(serving));
    }

    [Fact]
    public async Task AConnectionIdleForTheIdleTimeoutIsToldSoAndClosed()
    {
        var options = Options.Create(new GatewayOptions { IdleTimeout = TimeSpan.FromMilliseconds(200) });
        var dispatcher = new RequestDispatcher(LocalRouter.Create(_pool, Options.Create(new FibGrainOptions())), options, Options.Create(new FibGrainOptions()), new GatewayMetrics(TestMeters.Factory), NullLogger<RequestDispatcher>.Instance);
        using var handler = new FibConnectionHandler(dispatcher, options, _lifetime, TestMeters.Factory, NullLogger<FibConnectionHandler>.Instance);
        using var connection = new PipeConnection();
        Task serving = handler.OnConnectedAsync(connection.Context);

        Assert.Equal("1", await (await AskAsync(connection, "1\n")).ReadLineAsync());

        Assert.Equal("ERR idle timeout, closing", await connection.ReadLineAsync());
        Assert.True(await connection.AtEndAsync(serving));
        Assert.Equal(0, handler.OpenConnections);
    }

    public void Dispose()
    {
        _handler.Dispose();
        _lifetime.Dispose();
        _pool.Dispose();
    }

    private static async Task<PipeConnection> AskAsync(PipeConnection connection, string request)
    {
        await connection.SendAsync(request);
        return connection;
    }
}
