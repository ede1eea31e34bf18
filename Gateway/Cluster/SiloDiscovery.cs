using Microsoft.Extensions.Options;
using OrleansFib.Grains;

namespace OrleansFib.Gateway.Cluster;

/// <summary>
/// Keeps <see cref="SiloDirectory"/> current: re-resolves the DNS name or re-reads the file every
/// refresh interval, and probes ejected silos so that one that is back gets work again at once.
/// </summary>
internal sealed class SiloDiscovery(SiloDirectory directory, SiloClient client, IOptions<ClusterOptions> options, ILogger<SiloDiscovery> logger) : BackgroundService
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    private readonly ClusterOptions _options = options.Value;
    private readonly SiloSource _source = SiloSource.TryParse(options.Value.Silos!, out SiloSource? source, out _) ? source! : throw new InvalidOperationException("Cluster:Silos was validated");

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The first list is there before the gateway takes its first request.
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.RefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (_source.IsDynamic)
            {
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }

            await Task.WhenAll(directory.Members.Where(member => member.IsEjected).Select(member => ProbeAsync(member, stoppingToken))).ConfigureAwait(false);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            directory.Update(await _source.ResolveAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            // Keep the silos we know: a DNS hiccup or a file being rewritten is no reason to forget them.
            GatewayLog.DiscoveryFailed(logger, _source.ToString(), e.Message);
        }
    }

    private async Task ProbeAsync(SiloMember silo, CancellationToken cancellationToken)
    {
        try
        {
            SiloReply reply = await client.CallAsync(silo, 0, ProbeTimeout, cancellationToken).ConfigureAwait(false);
            silo.Succeeded(reply.Load);
            GatewayLog.SiloRestored(logger, silo.Authority);
        }
        catch (Exception e) when (e is SiloCallException or FibException)
        {
            silo.Eject(_options.Ejection, _options.MaxEjection);
        }
    }
}
