namespace OrleansFib.Grains;

/// <summary>How one request ends: F(n), or an <see cref="FibOutcome"/> and the text a client reads after <c>ERR</c>.</summary>
/// <remarks>
/// The grain answers with it, the gateway writes it, metrics count it: one type end to end. Errors
/// travel as values, cheaper than exceptions on the wire and typed on both sides; the fixed texts
/// clients see are defined here, once.
/// </remarks>
[GenerateSerializer, Immutable, Alias("OrleansFib.FibReply")]
public readonly record struct FibReply(
    [property: Id(0)] FibNumber Value,
    [property: Id(1)] FibOutcome Outcome,
    [property: Id(2)] string? Reason)
{
    public static FibReply Busy { get; } = Fail(FibOutcome.Busy, "busy");

    public static FibReply TimedOut { get; } = Fail(FibOutcome.Timeout, "timeout");

    public static FibReply Unavailable { get; } = Fail(FibOutcome.Unavailable, "unavailable");

    public static FibReply ShuttingDown { get; } = Fail(FibOutcome.Unavailable, "shutting down");

    public static FibReply Internal { get; } = Fail(FibOutcome.Internal, "internal error");

    /// <summary>The caller is gone: nothing is written.</summary>
    public static FibReply Cancelled { get; } = new(default, FibOutcome.Cancelled, null);

    public bool IsAnswer => Outcome == FibOutcome.Ok;

    public static FibReply Answer(FibNumber value) => new(value, FibOutcome.Ok, null);

    public static FibReply Fail(FibOutcome outcome, string reason) => new(default, outcome, reason);

    public static FibReply BadRequest(string reason) => Fail(FibOutcome.BadRequest, reason);

    public static FibReply LimitExceeded(int n, int maxN) => Fail(FibOutcome.LimitExceeded, $"n={n} exceeds the limit of {maxN}");
}
