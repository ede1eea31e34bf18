namespace OrleansFib.Gateway.Protocol;

/// <summary>A request line read as n, or the reason it cannot be (the text after <c>ERR </c>).</summary>
public readonly record struct ParsedRequest(int N, string? Error)
{
    public static ParsedRequest Invalid(string error) => new(0, error);
}
