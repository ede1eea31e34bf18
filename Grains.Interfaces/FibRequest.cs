namespace OrleansFib.Grains;

/// <summary>One request: compute F(<paramref name="N"/>) within <paramref name="Timeout"/> of the call, for <paramref name="Client"/>.</summary>
/// <remarks>
/// <para>The timeout travels with the request (as a gRPC deadline does) so that whoever queues the
/// work can cancel it when it passes; it is relative, because clocks of different hosts disagree.</para>
/// <para><paramref name="Client"/> names the connection the request came from: compute pools share their
/// workers fairly between clients, so one client's backlog cannot starve the others. 0 is "anyone".</para>
/// </remarks>
[GenerateSerializer, Immutable, Alias("OrleansFib.FibRequest")]
public readonly record struct FibRequest(
    [property: Id(0)] int N,
    [property: Id(1)] TimeSpan Timeout,
    [property: Id(2)] long Client = 0);
