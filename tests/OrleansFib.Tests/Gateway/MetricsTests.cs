using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Gateway;

/// <summary>The gateway's <c>/metrics</c>: valid Prometheus text, and counts that follow a scripted load.</summary>
[Collection(GatewayTestGroup.Name)]
public sealed class MetricsTests(GatewayFixture gateway) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{gateway.OperationsPort}") };

    [Fact]
    public async Task RequestsAreCountedByOutcome()
    {
        Dictionary<string, double> before = await ScrapeAsync();
        await using LineClient client = await LineClient.ConnectAsync(gateway.Port);

        for (int n = 0; n < 5; n++)
        {
            await client.AskAsync("3" + n);
        }

        await client.AskAsync("abc");
        await client.AskAsync("");
        await client.AskAsync("99");
        Dictionary<string, double> after = await ScrapeAsync();

        Assert.Equal(5, Delta("orleansfib_gateway_requests_total{outcome=\"ok\"}"));
        Assert.Equal(2, Delta("orleansfib_gateway_requests_total{outcome=\"bad_request\"}"));
        Assert.Equal(1, Delta("orleansfib_gateway_requests_total{outcome=\"limit_exceeded\"}"));
        Assert.Equal(8, Delta("orleansfib_gateway_request_duration_seconds_count"));
        Assert.Equal(5, Delta("orleansfib_grain_requests_total{outcome=\"ok\"}"));
        Assert.True(after.Value("orleansfib_gateway_connections") >= 1);

        double Delta(string series) => after.Value(series) - before.Value(series);
    }

    [Fact]
    public async Task HistogramBucketsAreCumulativeAndEndAtTheCount()
    {
        await using LineClient client = await LineClient.ConnectAsync(gateway.Port);
        await client.AskAsync("25");

        Dictionary<string, double> samples = await ScrapeAsync();

        foreach (string histogram in new[] { "orleansfib_gateway_request_duration_seconds", "orleansfib_grain_compute_duration_seconds" })
        {
            double[] buckets = [.. samples.Where(s => s.Key.StartsWith(histogram + "_bucket", StringComparison.Ordinal)).Select(s => s.Value)];
            Assert.NotEmpty(buckets);
            Assert.Equal(buckets.Order(), buckets);
            Assert.Equal(samples.Value(histogram + "_count"), samples.Value(histogram + "_bucket{le=\"+Inf\"}"));
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<Dictionary<string, double>> ScrapeAsync() =>
        PrometheusText.Parse(await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
}
