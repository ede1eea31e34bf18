using OrleansFib.Grains;

namespace OrleansFib.Gateway.Protocol;

/// <summary>The answer to one request: a number, an <c>ERR</c> reason, or nothing (the client is gone); <paramref name="Outcome"/> names it for metrics.</summary>
public readonly record struct Reply(FibNumber Value, string? Error, string Outcome)
{
    public const string Ok = "ok";
    public const string BadRequest = "bad_request";
    public const string ClientGone = "client_gone";

    public bool IsNone => string.Equals(Outcome, ClientGone, StringComparison.Ordinal);

    public static Reply None => new(default, null, ClientGone);

    public static Reply Answer(FibNumber value) => new(value, null, Ok);

    public static Reply Fail(string error, string outcome) => new(default, error, outcome);

    /// <summary>The outcome name of an error the grain reported.</summary>
    public static string OutcomeOf(FibErrorKind kind) => kind switch
    {
        FibErrorKind.Invalid => "invalid",
        FibErrorKind.Busy => "busy",
        FibErrorKind.Timeout => "timeout",
        _ => "unavailable",
    };
}
