using Microsoft.Extensions.Options;

namespace OrleansFib.Gateway.Routing;

/// <summary>Keeps the <see cref="RoutingTable"/> to the cluster's active silos, and has a key found for each.</summary>
/// <remarks>
/// The first read happens before the gateway opens its port, so no request finds an empty list. A silo
/// that joins gets work once a key is found for it; one that leaves or is declared dead gets none. Between
/// reads, a silo that fails calls is ejected by the router. While keys are still being looked for, the
/// watcher reads again every <see cref="RoutingOptions.RefreshInterval"/>; otherwise it waits for the
/// membership source to report a change.
/// </remarks>
internal sealed class SiloWatcher(IActiveSilos silos, SiloKeyFinder finder, RoutingTable table, IOptions<RoutingOptions> options, ILogger<SiloWatcher> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan? retry = SiloKeyFinder.IsSearching(table.Members) ? options.Value.RefreshInterval : null;
            try
            {
                await silos.WaitForChangeAsync(retry, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed wait must not end the watcher (nor, with it, the host): read again after a pause.
                GatewayLog.MembershipUnavailable(logger, e.Message);
                await Task.Delay(options.Value.RefreshInterval, stoppingToken).ConfigureAwait(false);
            }

            await RefreshAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyCollection<SiloAddress> active = await silos.ReadAsync(cancellationToken).ConfigureAwait(false);
            table.Update(active.OrderBy(address => address.ToString(), StringComparer.Ordinal));
            if (SiloKeyFinder.IsSearching(table.Members))
            {
                await finder.SearchAsync(table.Members, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // No silo answers: keep the last list; calls to silos that are gone fail fast and eject them.
            GatewayLog.MembershipUnavailable(logger, e.Message);
        }
    }
}
