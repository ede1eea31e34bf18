namespace OrleansFib.Gateway.Routing;

/// <summary>Where the gateway learns which silos are active members of the cluster.</summary>
public interface IActiveSilos
{
    /// <summary>The active silos as the cluster reports them now; throws when no silo can be asked.</summary>
    Task<IReadOnlyCollection<SiloAddress>> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Returns when membership may have changed, or after <paramref name="atMost"/> (null: only on a change).</summary>
    Task WaitForChangeAsync(TimeSpan? atMost, CancellationToken cancellationToken);
}
