namespace OrleansFib.Gateway.Protocol;

/// <summary>What the framer remembers about one connection between reads.</summary>
public struct FramerState
{
    /// <summary>The client has sent a newline: from now on only newlines end requests.</summary>
    public bool NewlineSeen { get; set; }

    /// <summary>An over-long line was answered already; its bytes are dropped up to the next newline.</summary>
    public bool Discarding { get; set; }

    /// <summary>The bytes of over-long lines the connection has sent: past a limit, it is closed.</summary>
    public long OverlongBytes { get; set; }
}
