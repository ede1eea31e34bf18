using OrleansFib.Grains;

namespace OrleansFib.Gateway.Routing;

/// <summary>A call that one silo could not serve but another may: the silo is down, draining or busy, or there was no silo to call.</summary>
public sealed class SiloCallException : Exception
{
    public SiloCallException(string? silo, FibOutcome outcome, string reason, Exception? innerException = null)
        : base(silo is null ? reason : $"{silo}: {reason}", innerException)
    {
        Silo = silo;
        Outcome = outcome;
    }

    public SiloCallException()
        : this("a silo call failed")
    {
    }

    public SiloCallException(string message)
        : base(message)
    {
    }

    public SiloCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The silo's authority; null when no silo was left to try.</summary>
    public string? Silo { get; }

    /// <summary><see cref="FibOutcome.Busy"/>: the silo's queue is full (it is healthy); otherwise it is down, draining or missing.</summary>
    public FibOutcome Outcome { get; } = FibOutcome.Unavailable;
}
