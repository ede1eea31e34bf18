using OrleansFib.Grains;

namespace OrleansFib.Gateway.Routing;

/// <summary>
/// One silo as this gateway sees it: the grain key pinned to it, the cost of what this gateway has
/// sent there and not had back, and whether it is ejected after a failure.
/// </summary>
public sealed class SiloMember
{
    private long _inFlightCost;
    private long _ejectedUntil; // Environment.TickCount64
    private int _failuresInARow;
    private long _calls;
    private long _failures;
    private PinnedKey? _pinned;
    private int _directSearches;

    public SiloMember(SiloAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Address = address;
        Authority = address.Endpoint.ToString();
    }

    public SiloAddress Address { get; }

    /// <summary>The silo as people read it: host and port.</summary>
    public string Authority { get; }

    /// <summary>
    /// This gateway's FibGrain key on this silo, once one is pinned there (<see cref="IsPinned"/>): its
    /// activation was seen running there (placed by where its calls enter, or by the placement hint), and
    /// every later call of the key goes to it.
    /// </summary>
    public long GrainKey => Volatile.Read(ref _pinned)?.Key ?? 0;

    /// <summary>Whether a key has been found whose activation runs on this silo: until then it gets no work.</summary>
    public bool IsPinned => Volatile.Read(ref _pinned) is not null;

    /// <summary>
    /// Whether calls of <see cref="GrainKey"/> enter the cluster through this silo's own gateway. Otherwise
    /// the gateway silo they enter through forwards each one, which costs that silo a receive and a send.
    /// </summary>
    public bool IsDirect => Volatile.Read(ref _pinned)?.Direct ?? false;

    public long InFlightCost => Interlocked.Read(ref _inFlightCost);

    public long Calls => Interlocked.Read(ref _calls);

    public long Failures => Interlocked.Read(ref _failures);

    public bool IsEjected => Environment.TickCount64 < Interlocked.Read(ref _ejectedUntil);

    /// <summary>Routes this silo's work through <paramref name="key"/>, whose activation was seen running on it.</summary>
    public void Pin(long key, bool direct) => Volatile.Write(ref _pinned, new PinnedKey(key, direct));

    /// <summary>
    /// Keeps the key but has it proved direct again: after the client's gateway connections change, the
    /// key's bucket may be bound to another silo's gateway (docs/routing.md).
    /// </summary>
    public void RecheckDirect()
    {
        if (Volatile.Read(ref _pinned) is { Direct: true } pinned)
        {
            Volatile.Write(ref _directSearches, 0); // from Orleans' connection callback, beside the watcher's searches
            Pin(pinned.Key, direct: false);
        }
    }

    /// <summary>The reference that calls <see cref="GrainKey"/>; only for a member that <see cref="IsPinned"/>.</summary>
    public IFibGrain Grain(IGrainFactory grains) =>
        (Volatile.Read(ref _pinned) ?? throw new InvalidOperationException($"No key is pinned to {Authority} yet.")).Grain(grains);

    /// <summary>
    /// Takes one search for a direct key, and counts it: false when the key is direct already, or after
    /// <paramref name="maxSearches"/> searches.
    /// </summary>
    public bool TryTakeDirectSearch(int maxSearches) => WantsDirectSearch(maxSearches) && Interlocked.Increment(ref _directSearches) <= maxSearches;

    /// <summary>Whether a search for a direct key is still due: not direct yet, and fewer than <paramref name="maxSearches"/> made.</summary>
    public bool WantsDirectSearch(int maxSearches) => !IsDirect && Volatile.Read(ref _directSearches) < maxSearches;

    public void Begin(long cost)
    {
        Interlocked.Add(ref _inFlightCost, cost);
        Interlocked.Increment(ref _calls);
    }

    public void End(long cost) => Interlocked.Add(ref _inFlightCost, -cost);

    /// <summary>A call succeeded: the silo is healthy.</summary>
    public void Succeeded()
    {
        if (Volatile.Read(ref _failuresInARow) != 0)
        {
            Volatile.Write(ref _failuresInARow, 0);
            Interlocked.Exchange(ref _ejectedUntil, 0);
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
