using Microsoft.Extensions.Options;

namespace OrleansFib.Gateway.Cluster;

/// <summary>Keeps the <see cref="SiloDirectory"/> to the cluster's active silos, as Orleans' membership reports them.</summary>
/// <remarks>A silo that joins gets work within a refresh; one that leaves or is declared dead gets none. Between refreshes, a silo that fails calls is ejected by the router.</remarks>
internal sealed class SiloWatcher(IGrainFactory grains, SiloDirectory directory, IOptions<RoutingOptions> options, ILogger<SiloWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IManagementGrain management = grains.GetGrain<IManagementGrain>(0);
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        do
        {
            try
            {
                Dictionary<SiloAddress, SiloStatus> hosts = await management.GetHosts(onlyActive: true, stoppingToken).ConfigureAwait(false);
                directory.Update(hosts.Keys.OrderBy(address => address.ToString(), StringComparer.Ordinal));
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // No silo answers: keep the last list; calls to silos that are gone fail fast and eject them.
                GatewayLog.MembershipUnavailable(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
