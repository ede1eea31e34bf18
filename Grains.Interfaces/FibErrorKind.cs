namespace OrleansFib.Grains;

/// <summary>Why a request was not answered with a number.</summary>
public enum FibErrorKind
{
    /// <summary>The request itself is unacceptable (e.g. n above the algorithm's limit); retrying elsewhere does not help.</summary>
    Invalid,

    /// <summary>The worker's queue is full.</summary>
    Busy,

    /// <summary>The request's timeout passed before it was answered.</summary>
    Timeout,

    /// <summary>No worker could be reached.</summary>
    Unavailable,
}
