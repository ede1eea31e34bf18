using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;
using OrleansFib.Grains;

namespace OrleansFib.Gateway.Cluster;

/// <summary>Keeps the <see cref="SiloDirectory"/> to the cluster's active silos, as Orleans' membership reports them.</summary>
/// <remarks>
/// The first read happens before the gateway opens its port, so no request finds an empty list. A silo
/// that joins gets work within a refresh; one that leaves or is declared dead gets none. Between
/// refreshes, a silo that fails calls is ejected by the router.
/// </remarks>
internal sealed class SiloWatcher(IGrainFactory grains, SiloDirectory directory, IOptions<RoutingOptions> options, ILogger<SiloWatcher> logger) : BackgroundService
{
    private const int KeysPerRefresh = 4;

    // Refreshes that look for a member's direct key, so a silo whose gateway is never reached (no gateway
    // port) does not leave a trail of probed activations behind for ever.
    private const int MaxDirectSearches = 30;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await RefreshAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Finds keys that enter the cluster through the gateways of <paramref name="searching"/>. The client
    /// sends all calls of one grain id through one gateway silo, and a key called without the placement
    /// hint gets its activation on that silo: such a key costs no hop between silos.
    /// </summary>
    private async Task PinDirectAsync(SiloMember[] searching, CancellationToken cancellationToken)
    {
        try
        {
            for (int attempt = 0; attempt < KeysPerRefresh * searching.Length && searching.Any(member => !member.IsDirect); attempt++)
            {
                long key = Random.Shared.NextInt64();
                SiloAddress host = await PlaceAsync(key, hint: null, cancellationToken).ConfigureAwait(false);
                Array.Find(searching, member => !member.IsDirect && member.Address.Equals(host))?.Pin(key, direct: true);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A probe that fails ends this refresh's search, not the refresh: the hinted keys still serve.
            GatewayLog.DirectKeySearchFailed(logger, e.Message);
        }
    }

    /// <summary>
    /// Finds a key whose activation runs on <paramref name="member"/> through the placement hint, for a silo
    /// no direct key was found for yet. The hint is ignored by a gateway silo that does not yet know the new
    /// silo's grain types: such a key lands elsewhere, and would send work meant for this silo to another
    /// for good. A few keys are tried per refresh.
    /// </summary>
    private async Task PinByHintAsync(SiloMember member, CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < KeysPerRefresh && !cancellationToken.IsCancellationRequested; attempt++)
        {
            long key = Random.Shared.NextInt64();
            if (await PlaceAsync(key, member.Address, cancellationToken).ConfigureAwait(false) == member.Address)
            {
                member.Pin(key, direct: false);
                return;
            }
        }
    }

    /// <summary>Calls <paramref name="key"/>, with the placement hint if there is one, and returns the silo its activation runs on.</summary>
    private async Task<SiloAddress> PlaceAsync(long key, SiloAddress? hint, CancellationToken cancellationToken)
    {
        if (hint is not null)
        {
            RequestContext.Set(IPlacementDirector.PlacementHintKey, hint);
        }

        try
        {
            return await grains.GetGrain<IFibGrain>(key).GetSiloAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Looked up on each read: a client learns the cluster's grain types only once connected.
            Dictionary<SiloAddress, SiloStatus> hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken).ConfigureAwait(false);
            directory.Update(hosts.Keys.OrderBy(address => address.ToString(), StringComparer.Ordinal));
            SiloMember[] searching = [.. directory.Members.Where(member => member.TryTakeDirectSearch(MaxDirectSearches))];
            if (searching.Length > 0)
            {
                await PinDirectAsync(searching, cancellationToken).ConfigureAwait(false);
            }

            await Task.WhenAll(directory.Members.Where(member => !member.IsPinned).Select(member => PinByHintAsync(member, cancellationToken))).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // No silo answers: keep the last list; calls to silos that are gone fail fast and eject them.
            GatewayLog.MembershipUnavailable(logger, e.Message);
        }
    }
}
