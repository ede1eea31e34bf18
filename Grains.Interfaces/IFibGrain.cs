namespace OrleansFib.Grains;

/// <summary>
/// The grain: a stateless worker that computes F(n) in the silo it is placed on. Gateways keep one
/// key per silo and pin it there with the placement hint, so they choose where work runs.
/// </summary>
[Alias("OrleansFib.IFibGrain")]
public interface IFibGrain : IGrainWithIntegerKey
{
    /// <summary>Computes F(n) with the silo's algorithm; a refusal is a <see cref="FibReply"/> too, never an exception.</summary>
    /// <remarks>Cancelling <paramref name="cancellationToken"/> (the caller left, or its deadline passed) stops the computation in the silo.</remarks>
    [Alias("Compute")]
    ValueTask<FibReply> ComputeAsync(FibRequest request, CancellationToken cancellationToken);

    /// <summary>The silo this activation runs on: a gateway checks that a key landed where its placement hint asked.</summary>
    [Alias("Silo")]
    ValueTask<SiloAddress> GetSiloAsync();
}
