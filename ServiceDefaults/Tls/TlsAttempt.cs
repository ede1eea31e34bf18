namespace OrleansFib.Hosting.Tls;

/// <summary>One inbound handshake, so that the certificate check can tell the connection's logger why it refused.</summary>
internal sealed class TlsAttempt
{
    /// <summary>The attempt of the connection whose handshake runs on this flow (set before the handshake, read after).</summary>
    public static readonly AsyncLocal<TlsAttempt?> Current = new();

    public string? Refusal { get; set; }
}
