using OrleansFib.Gateway;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Gateway;

/// <summary>A gateway of its own, with a short deadline (hosts of one kind are not shared with a fixture's: they share meter names).</summary>
public sealed class GatewayTimeoutTests
{
    [Fact]
    public async Task ARequestPastItsDeadlineIsAnsweredTimeoutAndTheConnectionCarriesOn()
    {
        await using var app = GatewayHost.Build(["--address", "127.0.0.1", "--port", "0", "--http-port", "0", "--silo-port", HostPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture), "--workers", "1", "--timeout", "00:00:00.2", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        await using LineClient client = await LineClient.ConnectAsync(app.PortOf(GatewayHost.LineEndpoint));

        Assert.Equal("ERR timeout", await client.AskAsync("45"));
        Assert.Equal("832040", await client.AskAsync("30"));

        await app.StopAsync();
    }
}
