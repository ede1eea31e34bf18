namespace OrleansFib.Grains;

/// <summary>One request: compute F(<paramref name="N"/>) for <paramref name="Client"/>.</summary>
/// <remarks>
/// Its deadline is not in here: it is armed once, where the request enters the gateway, as the
/// cancellation token that travels with the grain call. <paramref name="Client"/> names the connection
/// the request came from: compute pools share their workers fairly between clients, so one client's
/// backlog cannot starve the others. 0 is "anyone".
/// </remarks>
[GenerateSerializer, Immutable, Alias("OrleansFib.FibRequest")]
public readonly record struct FibRequest(
    [property: Id(0)] int N,
    [property: Id(1)] long Client = 0);
