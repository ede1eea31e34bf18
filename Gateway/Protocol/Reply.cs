using OrleansFib.Grains;

namespace OrleansFib.Gateway.Protocol;

/// <summary>The answer to one request: a number, an <c>ERR</c> reason, or nothing (the client is gone).</summary>
public readonly record struct Reply(FibNumber Value, string? Error, bool IsNone)
{
    public static Reply None => new(default, null, true);

    public static Reply Ok(FibNumber value) => new(value, null, false);

    public static Reply Fail(string error) => new(default, error, false);
}
