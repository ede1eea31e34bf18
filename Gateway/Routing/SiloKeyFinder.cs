using Orleans.Runtime.Placement;
using OrleansFib.Grains;

namespace OrleansFib.Gateway.Routing;

/// <summary>
/// Finds, for each silo, a FibGrain key whose activation runs there, and pins it to the silo's
/// <see cref="SiloMember"/>. See docs/routing.md for the Orleans behaviours this rests on.
/// </summary>
internal sealed class SiloKeyFinder(IGrainFactory grains, ILogger<SiloKeyFinder> logger)
{
    private const int KeysPerSearch = 4;

    // Searches for a member's direct key, so a silo whose gateway is never reached (no gateway port) does
    // not leave a trail of probed activations behind for ever.
    private const int MaxDirectSearches = 30;

    /// <summary>Whether <see cref="SearchAsync"/> has more to do for <paramref name="members"/>.</summary>
    public static bool IsSearching(IEnumerable<SiloMember> members) =>
        members.Any(member => !member.IsPinned || member.WantsDirectSearch(MaxDirectSearches));

    /// <summary>One search: direct keys for the members that lack one, then a hinted key for each member still without any.</summary>
    public async Task SearchAsync(IReadOnlyCollection<SiloMember> members, CancellationToken cancellationToken)
    {
        SiloMember[] searching = [.. members.Where(member => member.TryTakeDirectSearch(MaxDirectSearches))];
        if (searching.Length > 0)
        {
            await PinDirectAsync(searching, cancellationToken).ConfigureAwait(false);
        }

        await Task.WhenAll(members.Where(member => !member.IsPinned).Select(member => PinByHintAsync(member, cancellationToken))).ConfigureAwait(false);
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
            for (int attempt = 0; attempt < KeysPerSearch * searching.Length && searching.Any(member => !member.IsDirect); attempt++)
            {
                long key = Random.Shared.NextInt64();
                SiloAddress host = await PlaceAsync(key, hint: null, cancellationToken).ConfigureAwait(false);
                Array.Find(searching, member => !member.IsDirect && member.Address.Equals(host))?.Pin(key, direct: true);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A probe that fails ends this search for direct keys, not the search: the hinted keys still serve.
            GatewayLog.DirectKeySearchFailed(logger, e.Message);
        }
    }

    /// <summary>
    /// Finds a key whose activation runs on <paramref name="member"/> through the placement hint, for a silo
    /// no direct key was found for yet. The hint is ignored by a gateway silo that does not yet know the new
    /// silo's grain types: such a key lands elsewhere, and would send work meant for this silo to another
    /// for good. A few keys are tried per search.
    /// </summary>
    private async Task PinByHintAsync(SiloMember member, CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < KeysPerSearch && !cancellationToken.IsCancellationRequested; attempt++)
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
}
