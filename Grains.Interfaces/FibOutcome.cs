namespace OrleansFib.Grains;

/// <summary>How a request ended: one name from the grain, through the reply, to the metrics' <c>outcome</c> label (<see cref="FibOutcomeLabel"/>).</summary>
public enum FibOutcome
{
    /// <summary>Answered with F(n).</summary>
    Ok,

    /// <summary>The request line is not a number the protocol accepts (or too long).</summary>
    BadRequest,

    /// <summary>n is above the limit of the algorithm.</summary>
    LimitExceeded,

    /// <summary>A queue is full, or too many connections are open.</summary>
    Busy,

    /// <summary>The request's deadline passed.</summary>
    Timeout,

    /// <summary>No worker could be reached, or the one asked is shutting down.</summary>
    Unavailable,

    /// <summary>The caller is gone: nothing is answered.</summary>
    Cancelled,

    /// <summary>An unexpected failure, logged.</summary>
    Internal,
}
