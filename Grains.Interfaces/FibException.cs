namespace OrleansFib.Grains;

/// <summary>A request a compute pool refused or could not finish (<see cref="FibReply.Busy"/>, <see cref="FibReply.ShuttingDown"/>): how its task fails.</summary>
public sealed class FibException : Exception
{
    public FibException(FibReply reply)
        : base(reply.Reason) => Reply = reply;

    public FibException()
        : this(FibReply.Unavailable)
    {
    }

    public FibException(string message)
        : this(FibReply.Fail(FibOutcome.Internal, message))
    {
    }

    public FibException(string message, Exception innerException)
        : base(message, innerException) => Reply = FibReply.Fail(FibOutcome.Internal, message);

    public FibReply Reply { get; }
}
