using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OrleansFib.Gateway;
using OrleansFib.Gateway.Cluster;
using OrleansFib.Grains;
using OrleansFib.Silo;

namespace OrleansFib.Tests.Support;

/// <summary>
/// Like Orleans' TestingHost <c>TestCluster</c>: silos and a gateway in this process, on 127.0.0.1 and
/// ephemeral ports, each with its own services. Shared by a test collection, or made by one test.
/// </summary>
public sealed class TestCluster : IAsyncLifetime
{
    private readonly int _siloCount;
    private readonly string[] _gatewayArguments;
    private readonly List<WebApplication> _silos = [];
    private WebApplication? _gateway;

    public TestCluster()
        : this(3)
    {
    }

    internal TestCluster(int siloCount, params string[] gatewayArguments)
    {
        _siloCount = siloCount;
        _gatewayArguments = gatewayArguments;
    }

    public int Port { get; private set; }

    internal IReadOnlyList<WebApplication> Silos => _silos;

    internal WebApplication Gateway => _gateway ?? throw new InvalidOperationException("not started");

    internal SiloDirectory Directory => Gateway.Services.GetRequiredService<SiloDirectory>();

    internal FibWorkerPool SiloPool(int silo) => _silos[silo].Services.GetRequiredService<FibWorkerPool>();

    /// <summary>Requests a silo answered, inline or on its workers.</summary>
    internal long SiloAnswered(int silo) => SiloPool(silo).Statistics.Completed + _silos[silo].Services.GetRequiredService<FibGrain>().InlineCompleted;

    internal SiloState SiloState(int silo) => _silos[silo].Services.GetRequiredService<SiloState>();

    internal int SiloPort(int silo) => _silos[silo].PortOf("grain");

    public async Task InitializeAsync()
    {
        for (int i = 0; i < _siloCount; i++)
        {
            WebApplication silo = SiloHost.Build(["--address", "127.0.0.1", "--port", "0", "--health-port", "0", "--workers", "1", "--Logging:LogLevel:Default=Warning"]);
            await silo.StartAsync();
            _silos.Add(silo);
        }

        string silos = string.Join(',', _silos.Select(silo => $"127.0.0.1:{silo.PortOf("grain")}"));
        _gateway = GatewayHost.Build([
            "--address", "127.0.0.1", "--port", "0", "--http-port", "0", "--silos", silos, "--timeout", "00:00:20",
            "--Cluster:RefreshInterval=00:00:00.2", "--Logging:LogLevel:Default=Warning", .. _gatewayArguments]);
        await _gateway.StartAsync();
        Port = _gateway.PortOf(GatewayHost.LineEndpoint);
    }

    public async Task DisposeAsync()
    {
        foreach (WebApplication app in _silos.Prepend(_gateway).OfType<WebApplication>())
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
