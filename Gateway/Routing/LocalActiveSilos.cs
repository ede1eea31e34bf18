namespace OrleansFib.Gateway.Routing;

/// <summary>
/// The cluster's active silos as the silo in this process knows them (the co-hosted dev run): read from its
/// membership service, and woken by its updates, so an idle gateway polls nothing.
/// </summary>
internal sealed class LocalActiveSilos(IClusterMembershipService membership) : IActiveSilos
{
    private IAsyncEnumerator<ClusterMembershipSnapshot>? _updates;
    private Task<bool>? _nextUpdate;

    public Task<IReadOnlyCollection<SiloAddress>> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<SiloAddress>>(
            [.. membership.CurrentSnapshot.Members.Values.Where(member => member.Status == SiloStatus.Active).Select(member => member.SiloAddress)]);

    public async Task WaitForChangeAsync(TimeSpan? atMost, CancellationToken cancellationToken)
    {
        // One update is awaited at a time; one still pending after a timeout is awaited by the next call. The
        // first caller's token (the watcher's stopping token) ends the enumeration.
        _updates ??= membership.MembershipUpdates.GetAsyncEnumerator(cancellationToken);
        _nextUpdate ??= _updates.MoveNextAsync().AsTask();
        Task waited = atMost is { } limit ? Task.WhenAny(_nextUpdate, Task.Delay(limit, cancellationToken)) : _nextUpdate;
        await waited.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_nextUpdate.IsCompleted)
        {
            Task<bool> update = _nextUpdate;
            _nextUpdate = null;
            try
            {
                if (!await update.ConfigureAwait(false))
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false); // the silo is stopping
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _updates = null; // the next wait starts a fresh enumeration
                throw;
            }
        }
    }
}
