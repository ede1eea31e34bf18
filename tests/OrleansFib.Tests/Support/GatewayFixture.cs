using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OrleansFib.Gateway;
using OrleansFib.Grains;

namespace OrleansFib.Tests.Support;

/// <summary>An embedded gateway in this process on 127.0.0.1 and an ephemeral port, shared by a test collection.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private WebApplication? _app;

    /// <summary>Arguments as a user would pass them; the address and port are added.</summary>
    internal static readonly string[] DefaultArguments = ["--workers", "2", "--max-n", "45", "--timeout", "00:00:20"];

    public int Port { get; private set; }

    public int OperationsPort { get; private set; }

    internal FibWorkerPool Pool => Services.GetRequiredService<FibWorkerPool>();

    internal IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _app = GatewayHost.Build(["--address", "127.0.0.1", "--port", "0", "--http-port", "0", "--silo-port", HostPorts.Free().ToString(CultureInfo.InvariantCulture),
            .. DefaultArguments, "--Logging:LogLevel:Default=Warning"]);
        await _app.StartAsync();
        Port = _app.PortOf(GatewayHost.LineEndpoint);
        OperationsPort = _app.PortOf(GatewayHost.OperationsEndpoint);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
