namespace OrleansFib.Grains;

/// <summary>
/// The grain interface: a stateless worker that computes F(n). Callers see only this; whether the
/// grain runs in-process or in a silo across the network is the composition root's choice.
/// </summary>
public interface IFibGrain
{
    /// <summary>Computes F(n) with the grain's configured algorithm.</summary>
    /// <exception cref="FibException">The request was refused or could not be served (the message is the client-facing reason).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the caller is gone).</exception>
    ValueTask<FibNumber> ComputeAsync(FibRequest request, CancellationToken cancellationToken);
}
