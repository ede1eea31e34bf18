namespace OrleansFib.Grains;

/// <summary>One client's waiting work in a worker pool, and its place in the fair order between clients.</summary>
/// <remarks>
/// Start-time fair queuing: a client's <see cref="Start"/> is the virtual time at which its next job
/// starts; each job it is given moves it on by that job's cost. A client that has been given a lot of
/// work waits behind one that has not, however long ago its own work arrived. A client whose queue
/// empties keeps its start (the finish of its last job) while that is ahead of the pool's virtual time:
/// a ping-pong client empties its queue after every answer, and must come back behind the clients
/// that waited while it was served, not level with them.
/// </remarks>
internal sealed class FibClientQueue(long client, long start)
{
    /// <summary>Whose turn comes first: the earliest start, then the cheapest next job, then the client's id (keys are unique).</summary>
    public static IComparer<FibClientQueue> TurnOrder { get; } = Comparer<FibClientQueue>.Create(static (a, b) =>
    {
        int order = a.Start.CompareTo(b.Start);
        order = order != 0 ? order : a.Items.Peek().Cost.CompareTo(b.Items.Peek().Cost);
        return order != 0 ? order : a.Client.CompareTo(b.Client);
    });

    public long Client { get; } = client;

    /// <summary>The client's jobs, shortest first with aging (arrival time plus cost, in nanoseconds).</summary>
    public PriorityQueue<FibWorkItem, long> Items { get; } = new();

    public long Start { get; private set; } = start;

    /// <summary>Whether the client has no work and its last job's finish is behind <paramref name="virtualTime"/>: it is forgotten.</summary>
    public bool IsSpent(long virtualTime) => Items.Count == 0 && Start <= virtualTime;

    /// <summary>A client that becomes busy again starts at its last finish, or at the pool's virtual time if that is later.</summary>
    public void Resume(long virtualTime) => Start = Math.Max(Start, virtualTime);

    /// <summary>Takes the client's next job and moves its start on by the job's cost.</summary>
    public FibWorkItem TakeNext()
    {
        FibWorkItem item = Items.Dequeue();
        Start = Start > long.MaxValue - item.Cost ? long.MaxValue : Start + item.Cost;
        return item;
    }
}
