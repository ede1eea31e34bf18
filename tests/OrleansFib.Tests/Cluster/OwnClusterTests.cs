using System.Net;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Cluster;

/// <summary>Behaviours that need their own settings or change a silo's state, each on a cluster of its own.</summary>
public sealed class OwnClusterTests
{
    [Fact]
    public async Task TheDeadlineTravelsToTheSilo()
    {
        await using var cluster = new OwnCluster(1, "--timeout", "00:00:00.3");
        await cluster.Cluster.InitializeAsync();
        await using LineClient client = await LineClient.ConnectAsync(cluster.Cluster.Port);

        Assert.Equal("ERR timeout", await client.AskAsync("45"));

        await Eventually.TrueAsync(() => cluster.Cluster.SiloPool(0).Statistics.Cancelled + cluster.Cluster.SiloPool(0).Statistics.TimedOut == 1, "the silo stops the work");
        Assert.Equal("832040", await client.AskAsync("30"));
    }

    [Fact]
    public async Task ADrainingSiloRefusesNewCallsAndTheGatewayGoesElsewhere()
    {
        await using var cluster = new OwnCluster(2);
        await cluster.Cluster.InitializeAsync();
        cluster.Cluster.SiloState(0).Drain();
        await using LineClient client = await LineClient.ConnectAsync(cluster.Cluster.Port);

        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(Fibonacci.Line(25), await client.AskAsync("25"));
        }

        Assert.Equal(0, cluster.Cluster.SiloPool(0).Statistics.Completed);
        Assert.Equal(6, cluster.Cluster.SiloPool(1).Statistics.Completed);
    }

    [Fact]
    public async Task HedgingAnswersFromASecondSiloWhenTheFirstIsStuck()
    {
        await using var cluster = new OwnCluster(2, "--Cluster:HedgingDelay=00:00:00.05", "--timeout", "00:00:10");
        await cluster.Cluster.InitializeAsync();

        // Silo 0's only worker is taken by a call that never ends; requests routed there would wait out their deadline.
        using var stuck = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        Task<HttpResponseMessage> endless = stuck.GetAsync(new Uri($"http://127.0.0.1:{cluster.Cluster.SiloPort(0)}/fib/45"));
        await Eventually.TrueAsync(() => cluster.Cluster.SiloPool(0).Statistics.Running == 1, "silo 0 is stuck");
        await using LineClient client = await LineClient.ConnectAsync(cluster.Cluster.Port);

        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(Fibonacci.Line(30), await client.AskAsync("30"));
        }

        Assert.Equal(8, cluster.Cluster.SiloPool(1).Statistics.Completed);
        stuck.CancelPendingRequests();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => endless);
    }

    /// <summary>A <see cref="TestCluster"/> owned by one test.</summary>
    private sealed class OwnCluster(int silos, params string[] gatewayArguments) : IAsyncDisposable
    {
        public TestCluster Cluster { get; } = new(silos, gatewayArguments);

        public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
    }
}
