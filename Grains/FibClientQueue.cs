namespace OrleansFib.Grains;

/// <summary>One client's waiting work in a worker pool, and its place in the fair order between clients.</summary>
/// <remarks>
/// Start-time fair queuing: a client's <see cref="Start"/> is the virtual time at which its next job
/// starts; each job it is given moves it on by that job's cost. A client that has been given a lot of
/// work waits behind one that has not, however long ago its own work arrived. Equal starts go to the
/// client that became busy first: a ping-pong client, whose queue empties after every answer, comes
/// back level with the clients that waited while it was served, and must go behind them (ties broken by
/// client id once let the same connections win every tie for ever).
/// </remarks>
internal sealed class FibClientQueue(long client, long start, long arrival)
{
    /// <summary>Whose turn comes first: the earliest start, then the cheapest next job, then the earliest to become busy (arrivals are unique).</summary>
    public static IComparer<FibClientQueue> TurnOrder { get; } = Comparer<FibClientQueue>.Create(static (a, b) =>
    {
        int order = a.Start.CompareTo(b.Start);
        order = order != 0 ? order : a.Items.Peek().Cost.CompareTo(b.Items.Peek().Cost);
        return order != 0 ? order : a.Arrival.CompareTo(b.Arrival);
    });

    public long Client { get; } = client;

    /// <summary>When the client became busy, in the pool's order of arrivals.</summary>
    public long Arrival { get; } = arrival;

    /// <summary>The client's jobs, shortest first with aging (arrival time plus cost, in nanoseconds).</summary>
    public PriorityQueue<FibWorkItem, long> Items { get; } = new();

    public long Start { get; private set; } = start;

    /// <summary>Takes the client's next job and moves its start on by the job's cost.</summary>
    public FibWorkItem TakeNext()
    {
        FibWorkItem item = Items.Dequeue();
        Start = Start > long.MaxValue - item.Cost ? long.MaxValue : Start + item.Cost;
        return item;
    }
}
