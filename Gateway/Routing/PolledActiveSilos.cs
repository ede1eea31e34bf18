using Microsoft.Extensions.Options;

namespace OrleansFib.Gateway.Routing;

/// <summary>
/// The cluster's active silos as an external Orleans client sees them: asked of a silo's management grain
/// every <see cref="RoutingOptions.RefreshInterval"/>. Orleans streams membership changes only inside a
/// silo; a client learns of them by asking.
/// </summary>
internal sealed class PolledActiveSilos(IGrainFactory grains, IOptions<RoutingOptions> options) : IActiveSilos
{
    public async Task<IReadOnlyCollection<SiloAddress>> ReadAsync(CancellationToken cancellationToken)
    {
        // Looked up on each read: a client learns the cluster's grain types only once connected.
        Dictionary<SiloAddress, SiloStatus> hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken).ConfigureAwait(false);
        return hosts.Keys;
    }

    public Task WaitForChangeAsync(TimeSpan? atMost, CancellationToken cancellationToken)
    {
        TimeSpan refresh = options.Value.RefreshInterval;
        return Task.Delay(atMost is { } limit && limit < refresh ? limit : refresh, cancellationToken);
    }
}
