using System.Globalization;
using System.Text.RegularExpressions;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Cluster;

/// <summary>
/// Redis, three silo processes and a gateway process on 127.0.0.1 under a mixed load (8 connections,
/// n from 1 to 32, every answer checked), while silos die, drain, join and come back.
/// </summary>
[Trait(SlowSuite.Trait, SlowSuite.Value)]
public sealed class ClusterProcessTests
{
    private const int Connections = 8;

    [RedisFact]
    public async Task EverySiloGetsWorkAndTheHeavyWorkIsSpreadByCost()
    {
        await using ProcessCluster cluster = await ProcessCluster.StartAsync(3);
        await using (var load = new MixedLoad(cluster.Port, Connections, 1, 32))
        {
            await load.AnsweredAtLeastAsync(600);
            await load.StopAsync();
            Assert.Empty(load.Errors);
        }

        var work = await Task.WhenAll(Enumerable.Range(0, 3).Select(cluster.SiloWorkAsync));
        long total = work.Sum(silo => silo.CompletedCost);
        Assert.All(work, silo => Assert.True(silo.CompletedCost > total / 6, $"a silo did {silo.CompletedCost} of {total}: {string.Join(", ", work.Select(w => w.CompletedCost))}"));

        // Each silo process's /metrics counts what its /stats counts.
        for (int silo = 0; silo < 3; silo++)
        {
            Dictionary<string, double> metrics = PrometheusText.Parse(await cluster.SiloMetricsAsync(silo));
            Assert.Equal(work[silo].Completed, metrics.Value("orleansfib_grain_requests_total{outcome=\"ok\"}"));
            Assert.True(metrics.Value("orleans_app_requests_latency_milliseconds_count") > 0, "Orleans' own request latency is exported");
        }
    }

    [RedisFact]
    public async Task KillingASiloMidLoadLosesNoRequest()
    {
        await using ProcessCluster cluster = await ProcessCluster.StartAsync(3);
        await using var load = new MixedLoad(cluster.Port, Connections, 1, 32);
        await load.AnsweredAtLeastAsync(200);

        cluster.Silo(1).Signal("KILL");
        await load.AnsweredAtLeastAsync(load.Answers + 400);
        await load.StopAsync();

        Assert.Empty(load.Errors);
        Assert.True(cluster.Silo(1).HasExited);

        // Orleans alone would hold the calls in flight on the dead silo for its 30 s response timeout.
        Assert.True(load.Slowest < TimeSpan.FromSeconds(15), $"the slowest answer took {load.Slowest}");
    }

    [RedisFact]
    public async Task ADrainingSiloFinishesItsWorkLosesNoRequestAndExitsZero()
    {
        await using ProcessCluster cluster = await ProcessCluster.StartAsync(3);
        await using var load = new MixedLoad(cluster.Port, Connections, 1, 32);
        await load.AnsweredAtLeastAsync(200);

        cluster.Silo(1).Terminate();
        Assert.Equal(0, await cluster.Silo(1).WaitForExitAsync(TimeSpan.FromSeconds(20)));
        await load.AnsweredAtLeastAsync(load.Answers + 300);
        await load.StopAsync();

        Assert.Empty(load.Errors);
    }

    [RedisFact]
    public async Task ASiloThatJoinsWhileTheGatewayRunsGetsWork()
    {
        await using ProcessCluster cluster = await ProcessCluster.StartAsync(3);
        await using var load = new MixedLoad(cluster.Port, Connections, 1, 32);
        await load.AnsweredAtLeastAsync(100);

        int fourth = await cluster.AddSiloAsync();

        await Eventually.TrueAsync(async () => (await cluster.SiloWorkAsync(fourth)).Completed > 0, "the fourth silo computes", TimeSpan.FromSeconds(60));
        await load.StopAsync();
        Assert.Empty(load.Errors);
    }

    [RedisFact(Chromium = true)]
    public async Task TheServicePageAndTheOrleansDashboardShowBothSilosUnderLoad()
    {
        // The Orleans Dashboard is off by default; switched on in every process of the cluster.
        await using ProcessCluster cluster = await ProcessCluster.StartAsync(2, new Dictionary<string, string> { ["Cluster__Dashboard"] = "true" });
        var page = new Uri($"http://127.0.0.1:{cluster.OperationsPort}/");
        var orleansDashboard = new Uri(page, "/dashboard/");
        string artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        string screenshot = Path.Combine(artifacts, "dashboard.png"), orleansScreenshot = Path.Combine(artifacts, "orleans-dashboard.png");
        Directory.CreateDirectory(artifacts);
        File.Delete(screenshot);
        File.Delete(orleansScreenshot);

        // Under load while the pages poll: cheap requests answered in the gateway, the rest by the two silos.
        await using var load = new MixedLoad(cluster.Port, Connections, 1, 32);
        await load.AnsweredAtLeastAsync(500);
        string dom = await HeadlessChromium.DumpDomAsync(page, 6000);
        await HeadlessChromium.ScreenshotAsync(page, 6000, screenshot);
        string orleansDom = await HeadlessChromium.DumpDomAsync(orleansDashboard, 8000);
        await HeadlessChromium.ScreenshotAsync(orleansDashboard, 8000, orleansScreenshot);
        await load.StopAsync();

        // The Orleans Dashboard, hosted by the gateway's client, sees the two silos and the grain.
        Assert.Contains("Active Silos</span><span class=\"info-box-number\">2<", orleansDom, StringComparison.Ordinal);
        Assert.Contains("title=\"OrleansFib.Grains.FibGrain\"", orleansDom, StringComparison.Ordinal);
        Assert.True(new FileInfo(orleansScreenshot).Length > 10_000, "the Orleans Dashboard screenshot is written");

        Assert.Empty(load.Errors);
        Assert.Contains("gateway with 2 silos", dom, StringComparison.Ordinal);
        Assert.Contains($"data-silo=\"{cluster.SiloAuthority(0)}\"", dom, StringComparison.Ordinal);
        Assert.Contains($"data-silo=\"{cluster.SiloAuthority(1)}\"", dom, StringComparison.Ordinal);
        Match rate = Regex.Match(dom, "id=\"rate\">([0-9,]+)<");
        Assert.True(rate.Success, "no request rate on the page");
        Assert.True(double.Parse(rate.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) > 0, $"rate {rate.Groups[1].Value}");
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is written");
    }

    [RedisFact]
    public async Task OneRequestIsOneTraceFromTheGatewayThroughTheSilo()
    {
        await using var collector = new OtlpTraceCollector();
        var otlp = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        };
        await using ProcessCluster cluster = await ProcessCluster.StartAsync(1, otlp);
        await using LineClient client = await LineClient.ConnectAsync(cluster.Port);

        Assert.Equal(Fibonacci.Line(30), await client.AskAsync("30"));

        await Eventually.TrueAsync(() => collector.Spans.Any(span => span.Service == "orleansfib-gateway" && span.Scope == "OrleansFib.Gateway"), "the gateway's span is exported");
        string trace = collector.Spans.First(span => span.Service == "orleansfib-gateway" && span.Scope == "OrleansFib.Gateway").TraceId;
        await Eventually.TrueAsync(() => collector.Spans.Any(span => span.Service == "orleansfib-silo" && span.TraceId == trace), "the silo's span of the same trace is exported");
    }

    [RedisFact]
    public async Task AClientThatLeavesStopsTheComputationInTheSilo()
    {
        await using ProcessCluster cluster = await ProcessCluster.StartAsync(1);
        await using LineClient client = await LineClient.ConnectAsync(cluster.Port);
        await client.SendAsync("45\n");
        await Eventually.TrueAsync(async () => (await cluster.SiloWorkAsync(0)).Running == 1, "the silo computes fib(45)");

        client.Reset();

        await Eventually.TrueAsync(async () => (await cluster.SiloWorkAsync(0)) is { Running: 0, Cancelled: 1 }, "the silo's computation is cancelled");
        Dictionary<string, double> metrics = PrometheusText.Parse(await cluster.SiloMetricsAsync(0));
        Assert.Equal(1, metrics.Value("orleansfib_grain_requests_total{outcome=\"cancelled\"}"));
        Assert.Equal(0, metrics.Value("orleansfib_grain_requests_total{outcome=\"ok\"}"));
    }

    [RedisFact]
    public async Task WhileTheMembershipStoreIsDownTheClusterKeepsAnsweringAndAfterwardsASiloCanJoin()
    {
        await using ProcessCluster cluster = await ProcessCluster.StartAsync(2);
        await using var load = new MixedLoad(cluster.Port, Connections, 1, 32);
        await load.AnsweredAtLeastAsync(100);

        cluster.Redis.Signal("STOP");
        long before = load.Answers;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(20)); // the outage: the scenario's length, not a wait for something to happen
        }
        finally
        {
            cluster.Redis.Signal("CONT");
        }

        Assert.True(load.Answers - before > 1000, $"{load.Answers - before} answers while the store was down");

        int joined = await cluster.AddSiloAsync();
        await Eventually.TrueAsync(async () => (await cluster.SiloWorkAsync(joined)).Completed > 0, "a silo that joins afterwards computes", TimeSpan.FromSeconds(60));
        await load.StopAsync();
        Assert.Empty(load.Errors);
    }

    [RedisFact]
    public async Task WithTheMembershipStoreDownASiloAndTheGatewayStopWithinTheirDrainTimeouts()
    {
        await using ProcessCluster cluster = await ProcessCluster.StartAsync(1);
        await using (LineClient client = await LineClient.ConnectAsync(cluster.Port))
        {
            Assert.Equal(Fibonacci.Line(30), await client.AskAsync("30"));
        }

        cluster.Redis.Signal("STOP");
        try
        {
            // Orleans alone waits a minute per stop stage for the store; the processes drain for 15 s, then leave 5 s.
            cluster.Silo(0).Terminate();
            cluster.Gateway!.Terminate();
            Assert.Equal(0, await cluster.Silo(0).WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(0, await cluster.Gateway.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            cluster.Redis.Signal("CONT");
        }

        Assert.Contains("exiting now", cluster.Silo(0).Output, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task WithEverySiloDownClientsAreToldAndServiceResumesWhenOneReturns()
    {
        await using ProcessCluster cluster = await ProcessCluster.StartAsync(2);
        await using LineClient client = await LineClient.ConnectAsync(cluster.Port);
        Assert.Equal("832040", await client.AskAsync("30"));

        cluster.Silo(0).Signal("KILL");
        cluster.Silo(1).Signal("KILL");
        await cluster.Silo(0).WaitForExitAsync(TimeSpan.FromSeconds(10));
        await cluster.Silo(1).WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("ERR unavailable", await client.AskAsync("30"));
        Assert.Equal("6765", await client.AskAsync("20")); // the local lane still answers

        await cluster.AddSiloAsync();
        await Eventually.TrueAsync(async () => await client.AskAsync("30") == "832040", "a returned silo serves again", TimeSpan.FromSeconds(60));
    }
}
