using OrleansFib.Grains;

namespace OrleansFib.Gateway.Cluster;

/// <summary>A call that one silo could not serve but another may: the silo is down, draining or busy.</summary>
public sealed class SiloCallException : Exception
{
    public SiloCallException(SiloMember silo, FibErrorKind kind, string reason, Exception? innerException = null)
        : base($"{silo.Authority}: {reason}", innerException)
    {
        Silo = silo;
        Kind = kind;
    }

    public SiloCallException()
        : this("a silo call failed")
    {
    }

    public SiloCallException(string message)
        : base(message) => Silo = new SiloMember("unknown:0");

    public SiloCallException(string message, Exception innerException)
        : base(message, innerException) => Silo = new SiloMember("unknown:0");

    public SiloMember Silo { get; }

    /// <summary><see cref="FibErrorKind.Busy"/>: the silo's queue is full (it is healthy); otherwise it is down or draining.</summary>
    public FibErrorKind Kind { get; } = FibErrorKind.Unavailable;
}
