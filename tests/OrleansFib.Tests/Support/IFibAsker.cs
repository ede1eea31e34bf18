namespace OrleansFib.Tests.Support;

/// <summary>Something that answers one request line the way the gateway would: a socket client, or the router itself.</summary>
internal interface IFibAsker : IAsyncDisposable
{
    /// <summary>The answer line to <paramref name="request"/>: F(n), or <c>ERR reason</c>; null when the connection closed.</summary>
    Task<string?> AskAsync(string request);
}
