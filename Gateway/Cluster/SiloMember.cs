namespace OrleansFib.Gateway.Cluster;

/// <summary>
/// One silo as this gateway sees it: the cost of what it has sent there and not had back, the load
/// the silo last reported on top of that (other gateways' work), and whether it is ejected.
/// </summary>
public sealed class SiloMember
{
    private long _inFlightCost;
    private long _otherLoad;
    private long _ejectedUntil; // Environment.TickCount64
    private int _failuresInARow;
    private long _calls;
    private long _failures;

    public SiloMember(string authority)
    {
        Authority = authority;
        BaseUri = new Uri("http://" + authority);
    }

    public string Authority { get; }

    public Uri BaseUri { get; }

    public long InFlightCost => Interlocked.Read(ref _inFlightCost);

    /// <summary>What routing compares: this gateway's outstanding cost there plus everyone else's.</summary>
    public long Score => Interlocked.Read(ref _inFlightCost) + Interlocked.Read(ref _otherLoad);

    public long Calls => Interlocked.Read(ref _calls);

    public long Failures => Interlocked.Read(ref _failures);

    public bool IsEjected => Environment.TickCount64 < Interlocked.Read(ref _ejectedUntil);

    public void Begin(long cost)
    {
        Interlocked.Add(ref _inFlightCost, cost);
        Interlocked.Increment(ref _calls);
    }

    public void End(long cost) => Interlocked.Add(ref _inFlightCost, -cost);

    /// <summary>A call succeeded: the silo is healthy, and <paramref name="reportedLoad"/> is its whole outstanding work.</summary>
    public void Succeeded(long? reportedLoad)
    {
        Volatile.Write(ref _failuresInARow, 0);
        Interlocked.Exchange(ref _ejectedUntil, 0);
        if (reportedLoad is { } load)
        {
            // What the silo has beyond what this gateway sent it: other gateways' work.
            Interlocked.Exchange(ref _otherLoad, Math.Max(0, load - InFlightCost));
        }
    }

    /// <summary>A call failed: no calls for a back-off that doubles with each failure in a row.</summary>
    /// <returns>The back-off.</returns>
    public TimeSpan Eject(TimeSpan first, TimeSpan max)
    {
        Interlocked.Increment(ref _failures);
        int inARow = Interlocked.Increment(ref _failuresInARow);
        TimeSpan backoff = TimeSpan.FromTicks(Math.Min(max.Ticks, first.Ticks << Math.Min(inARow - 1, 20)));
        Interlocked.Exchange(ref _ejectedUntil, Environment.TickCount64 + (long)backoff.TotalMilliseconds);
        return backoff;
    }
}
