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

    [ChromiumFact]
    public async Task TheDashboardShowsBothSilosAndTheRequestRate()
    {
        await using var cluster = new OwnCluster(2);
        await cluster.Cluster.InitializeAsync();
        var page = new Uri($"http://127.0.0.1:{cluster.Cluster.Gateway.PortOf(OrleansFib.Gateway.GatewayHost.OperationsEndpoint)}/");
        string screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);

        // Under load while the page polls: cheap requests answered here, the rest by the two silos.
        await using (var load = new MixedLoad(cluster.Cluster.Port, 8, 1, 32))
        {
            await load.AnsweredAtLeastAsync(500);
            string dom = await HeadlessChromium.DumpDomAsync(page, 6000);
            await HeadlessChromium.ScreenshotAsync(page, 6000, screenshot);
            await load.StopAsync();

            Assert.Empty(load.Errors);
            Assert.Contains("gateway with 2 silos", dom, StringComparison.Ordinal);
            foreach (int silo in new[] { 0, 1 })
            {
                Assert.Contains($"data-silo=\"127.0.0.1:{cluster.Cluster.SiloPort(silo)}\"", dom, StringComparison.Ordinal);
            }

            var rate = System.Text.RegularExpressions.Regex.Match(dom, "id=\"rate\">([0-9,]+)<");
            Assert.True(rate.Success, "no request rate on the page");
            Assert.True(double.Parse(rate.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) > 0, $"rate {rate.Groups[1].Value}");
        }

        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is written");
    }

    /// <summary>A <see cref="TestCluster"/> owned by one test.</summary>
    private sealed class OwnCluster(int silos, params string[] gatewayArguments) : IAsyncDisposable
    {
        public TestCluster Cluster { get; } = new(silos, gatewayArguments);

        public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
    }
}
