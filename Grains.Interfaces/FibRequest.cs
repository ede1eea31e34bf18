namespace OrleansFib.Grains;

/// <summary>One request: compute F(<paramref name="N"/>) within <paramref name="Timeout"/> of the call.</summary>
/// <remarks>The timeout travels with the request (as a gRPC deadline does) so that whoever queues the
/// work can cancel it when it passes; it is relative, because clocks of different hosts disagree.</remarks>
public readonly record struct FibRequest(int N, TimeSpan Timeout);
