using Microsoft.AspNetCore.Builder;
using OrleansFib.Gateway;

namespace OrleansFib.Tests.Support;

/// <summary>A second gateway, with its own settings, in front of a <see cref="TestCluster"/>'s silos.</summary>
internal sealed class TestClusterGateway(TestCluster cluster, params string[] arguments) : IAsyncDisposable
{
    private WebApplication? _app;

    public async Task<int> StartAsync()
    {
        string silos = string.Join(',', Enumerable.Range(0, cluster.Silos.Count).Select(silo => $"127.0.0.1:{cluster.SiloPort(silo)}"));
        _app = GatewayHost.Build(["--address", "127.0.0.1", "--port", "0", "--http-port", "0", "--silos", silos, "--Logging:LogLevel:Default=Warning", .. arguments]);
        await _app.StartAsync();
        return _app.PortOf(GatewayHost.LineEndpoint);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
