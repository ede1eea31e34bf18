namespace OrleansFib.Grains;

/// <summary>What the grain answers: F(n), or why not (<see cref="Error"/> and the client-facing <see cref="Reason"/>).</summary>
/// <remarks>Errors travel as values: cheaper than exceptions on the wire, and typed on both sides.</remarks>
[GenerateSerializer, Immutable, Alias("OrleansFib.FibReply")]
public readonly record struct FibReply(
    [property: Id(0)] FibNumber Value,
    [property: Id(1)] FibErrorKind? Error,
    [property: Id(2)] string? Reason)
{
    public bool IsAnswer => Error is null;

    public static FibReply Answer(FibNumber value) => new(value, null, null);

    public static FibReply Fail(FibErrorKind error, string reason) => new(default, error, reason);

    public static FibReply Fail(FibException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Fail(exception.Kind, exception.Message);
    }
}
