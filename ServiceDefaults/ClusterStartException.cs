namespace OrleansFib.Hosting;

/// <summary>The process cannot join its cluster (Redis refused or did not answer); its message is the one line the operator reads.</summary>
public sealed class ClusterStartException : Exception
{
    public ClusterStartException()
    {
    }

    public ClusterStartException(string message)
        : base(message)
    {
    }

    public ClusterStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
