namespace OrleansFib.Bench;

/// <summary>How a target is spoken to.</summary>
public enum TargetProtocol
{
    /// <summary>The talk's line protocol over TCP (OrleansFib, the seed servers).</summary>
    Line,

    /// <summary>HTTP/2 without TLS (prior knowledge), <c>GET /fib/N</c>: the <c>serve-h2c</c> baseline.</summary>
    H2c,
}
