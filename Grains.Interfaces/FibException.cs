namespace OrleansFib.Grains;

/// <summary>A request the grain refused or could not serve; <see cref="Exception.Message"/> is the reason a client sees after <c>ERR</c>.</summary>
public sealed class FibException : Exception
{
    public FibException(FibErrorKind kind, string message)
        : base(message) => Kind = kind;

    public FibException()
        : this(FibErrorKind.Unavailable, "unavailable")
    {
    }

    public FibException(string message)
        : this(FibErrorKind.Invalid, message)
    {
    }

    public FibException(string message, Exception innerException)
        : base(message, innerException) => Kind = FibErrorKind.Unavailable;

    public FibErrorKind Kind { get; }

    public static FibException Busy() => new(FibErrorKind.Busy, "busy");

    public static FibException TimedOut() => new(FibErrorKind.Timeout, "timeout");

    public static FibException LimitExceeded(int n, int maxN) => new(FibErrorKind.Invalid, $"n={n} exceeds the limit of {maxN}");
}
