using OrleansFib.Grains;

namespace OrleansFib.Gateway.Routing;

/// <summary>A FibGrain key whose activation runs on one silo, and the reference its calls go through.</summary>
/// <remarks>
/// The reference is made once per key: <c>GetGrain</c> resolves the interface's type by reflection on
/// every call (its cost is in docs/performance.md). Key and reference are
/// replaced together, so a call never uses the reference of an older key.
/// </remarks>
internal sealed class PinnedKey(long key, bool direct)
{
    private IFibGrain? _grain;

    public long Key { get; } = key;

    /// <summary>Whether calls of <see cref="Key"/> enter the cluster through its silo's own gateway.</summary>
    public bool Direct { get; } = direct;

    public IFibGrain Grain(IGrainFactory grains) => _grain ??= grains.GetGrain<IFibGrain>(Key);
}
