using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Cluster;

/// <summary>The gateway in front of three in-process silos: routing, the local lane, cancellation across the hop.</summary>
[Collection(ClusterTestGroup.Name)]
public sealed class ClusterTests(TestCluster cluster)
{
    [Fact]
    public async Task CheapRequestsStayInTheGatewayAndTheRestAreComputedInSilos()
    {
        long siloWorkBefore = SiloCompleted();
        await using LineClient client = await LineClient.ConnectAsync(cluster.Port);

        foreach (int n in new[] { 1, 20, 0, 12 })
        {
            Assert.Equal(Fibonacci.Line(n), await client.AskAsync(n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(siloWorkBefore, SiloCompleted());

        foreach (int n in new[] { 21, 30, 25 })
        {
            Assert.Equal(Fibonacci.Line(n), await client.AskAsync(n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(siloWorkBefore + 3, SiloCompleted());
    }

    [Fact]
    public async Task ASilosRefusalReachesTheClient()
    {
        await using LineClient client = await LineClient.ConnectAsync(cluster.Port);

        Assert.Equal("ERR n=46 exceeds the limit of 45", await client.AskAsync("46"));
        Assert.Equal("ERR n must be >= 0", await client.AskAsync("-46"));
        Assert.Equal("832040", await client.AskAsync("30"));
    }

    [Fact]
    public async Task ConcurrentHeavyRequestsGoToTheSiloWithTheLeastOutstandingCost()
    {
        // Three long requests at once: each silo (one worker each) gets exactly one, none waits behind another.
        long[] before = [.. Enumerable.Range(0, 3).Select(silo => cluster.SiloPool(silo).Statistics.Completed)];
        await using LineClient a = await LineClient.ConnectAsync(cluster.Port);
        await using LineClient b = await LineClient.ConnectAsync(cluster.Port);
        await using LineClient c = await LineClient.ConnectAsync(cluster.Port);

        string?[] answers = await Task.WhenAll(a.AskAsync("35"), b.AskAsync("35"), c.AskAsync("35"));

        Assert.All(answers, answer => Assert.Equal(Fibonacci.Line(35), answer));
        Assert.All(Enumerable.Range(0, 3), silo => Assert.Equal(before[silo] + 1, cluster.SiloPool(silo).Statistics.Completed));
    }

    [Fact]
    public async Task AClientResetCancelsTheWorkInTheSilo()
    {
        long cancelledBefore = SiloCancelled();
        await using LineClient client = await LineClient.ConnectAsync(cluster.Port);

        await client.SendAsync("45\n");
        await Eventually.TrueAsync(() => Enumerable.Range(0, 3).Any(silo => cluster.SiloPool(silo).Statistics.Running == 1), "a silo runs the request");
        client.Reset();

        await Eventually.TrueAsync(() => SiloCancelled() == cancelledBefore + 1, "the silo cancels the work");
        Assert.All(Enumerable.Range(0, 3), silo => Assert.Equal(0, cluster.SiloPool(silo).Statistics.Running));
    }

    [Fact]
    public async Task MetricsCountWhereRequestsWereComputed()
    {
        using var http = new HttpClient();
        Uri gatewayMetrics = new($"http://127.0.0.1:{cluster.Gateway.PortOf(OrleansFib.Gateway.GatewayHost.OperationsEndpoint)}/metrics");
        Dictionary<string, double> before = PrometheusText.Parse(await http.GetStringAsync(gatewayMetrics));
        await using LineClient client = await LineClient.ConnectAsync(cluster.Port);

        foreach (string n in new[] { "5", "10", "30", "31" })
        {
            await client.AskAsync(n);
        }

        Dictionary<string, double> after = PrometheusText.Parse(await http.GetStringAsync(gatewayMetrics));
        Assert.Equal(2, after.Value("orleansfib_gateway_routed_total{route=\"local\"}") - before.Value("orleansfib_gateway_routed_total{route=\"local\"}"));
        Assert.Equal(2, after.Value("orleansfib_gateway_routed_total{route=\"silo\"}") - before.Value("orleansfib_gateway_routed_total{route=\"silo\"}"));
        Assert.All(Enumerable.Range(0, 3), silo => Assert.Equal(1, after.Value($"orleansfib_gateway_silo_available{{silo=\"127.0.0.1:{cluster.SiloPort(silo)}\"}}")));
    }

    private long SiloCompleted() => Enumerable.Range(0, 3).Sum(cluster.SiloAnswered);

    private long SiloCancelled() => Enumerable.Range(0, 3).Sum(silo => cluster.SiloPool(silo).Statistics.Cancelled);

    private long SiloTimedOut() => Enumerable.Range(0, 3).Sum(silo => cluster.SiloPool(silo).Statistics.TimedOut);
}
