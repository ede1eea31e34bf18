using System.Net;
using System.Text.Json;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Gateway;

/// <summary>The embedded gateway's operations port: probes, statistics and metrics, and nothing else.</summary>
[Collection(GatewayTestGroup.Name)]
public sealed class OperationsEndpointTests(GatewayFixture gateway) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{gateway.OperationsPort}") };

    [Fact]
    public async Task TheOrleansDashboardIsOffByDefault()
    {
        using HttpResponseMessage response = await _http.GetAsync(new Uri("/dashboard/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/health/startup")]
    [InlineData("/health/ready")]
    [InlineData("/health/live")]
    public async Task ProbesAnswerHealthy(string path)
    {
        using HttpResponseMessage response = await _http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StatsShowTheConnectionsAndTheCoHostedSilo()
    {
        await using LineClient client = await LineClient.ConnectAsync(gateway.Port);
        Assert.Equal("1", await client.AskAsync("1"));

        using JsonDocument stats = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/stats", UriKind.Relative)));

        Assert.True(stats.RootElement.GetProperty("openConnections").GetInt32() >= 1);
        Assert.Equal(1, stats.RootElement.GetProperty("silos").GetArrayLength()); // the silo the embedded gateway hosts
    }

    [Fact]
    public async Task TheLineProtocolIsNotServedOnTheOperationsPortNorTheOtherWayRound()
    {
        // A line request on the operations port is not answered with a number: HTTP turns it down.
        await using LineClient onOperations = await LineClient.ConnectAsync(gateway.OperationsPort);
        Assert.StartsWith("HTTP/1.1 400", await onOperations.AskAsync("30"), StringComparison.Ordinal);

        // An HTTP probe on the line port is not answered with HTTP: each of its lines is a bad request.
        await using LineClient onLine = await LineClient.ConnectAsync(gateway.Port);
        Assert.Equal("ERR not a number: \"GET /health/live HTTP/1.1\"", await onLine.AskAsync("GET /health/live HTTP/1.1"));
    }

    public void Dispose() => _http.Dispose();
}
