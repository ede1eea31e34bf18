using System.Collections.Immutable;
using System.Diagnostics.Metrics;

namespace OrleansFib.Gateway.Routing;

/// <summary>The silos this gateway knows, and the routing policy: the least outstanding cost wins.</summary>
public sealed class RoutingTable
{
    private readonly ILogger<RoutingTable> _logger;
    private ImmutableArray<SiloMember> _members = [];
    private readonly Lock _reserving = new();
    private int _rotation;

    public RoutingTable(IMeterFactory meters, ILogger<RoutingTable> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _logger = logger;
        Meter meter = meters.Create(GatewayMetrics.MeterName);
        meter.CreateObservableGauge("orleansfib.gateway.silo.inflight_cost", () => Each(silo => silo.InFlightCost), "{call}", "Cost this gateway has sent to each silo and not had back");
        meter.CreateObservableGauge("orleansfib.gateway.silo.available", () => Each(silo => silo.IsEjected ? 0L : 1L), "{silo}", "1 while a silo may be called, 0 while it is ejected");
        meter.CreateObservableCounter("orleansfib.gateway.silo.calls", () => Each(silo => silo.Calls), "{call}", "Calls sent to each silo");
    }

    public ImmutableArray<SiloMember> Members => _members;

    /// <summary>Whether some silo may be called now.</summary>
    public bool AnyAvailable => _members.Any(member => member.IsPinned && !member.IsEjected);

    /// <summary>Takes the cluster's active silos; a silo that stays keeps its state (grain key, in-flight cost, ejection).</summary>
    public void Update(IEnumerable<SiloAddress> active)
    {
        ArgumentNullException.ThrowIfNull(active);
        ImmutableArray<SiloMember> current = _members;
        var byAddress = current.ToDictionary(member => member.Address);
        ImmutableArray<SiloMember> next = [.. active.Select(address => byAddress.GetValueOrDefault(address) ?? new SiloMember(address))];
        foreach (SiloMember added in next.Except(current))
        {
            GatewayLog.SiloAdded(_logger, added.Authority);
        }

        foreach (SiloMember removed in current.Except(next))
        {
            GatewayLog.SiloRemoved(_logger, removed.Authority);
        }

        _members = next;
    }

    /// <summary>Has every member's direct key proved again (<see cref="SiloMember.RecheckDirect"/>).</summary>
    public void RecheckDirectKeys()
    {
        foreach (SiloMember member in _members)
        {
            member.RecheckDirect();
        }
    }

    /// <summary>
    /// Reserves <paramref name="cost"/> on the silo with the least outstanding cost that is not ejected
    /// and not in <paramref name="tried"/>; ties go round the members so equal silos share the work.
    /// Choosing and reserving are one step, so concurrent requests do not all see the same silo as the
    /// least loaded and pile onto it. Null when there is none.
    /// </summary>
    public SiloMember? Reserve(ICollection<SiloMember> tried, long cost)
    {
        ArgumentNullException.ThrowIfNull(tried);
        lock (_reserving)
        {
            ImmutableArray<SiloMember> members = _members;
            SiloMember? best = null;
            long bestScore = long.MaxValue;
            int start = members.Length == 0 ? 0 : (int)((uint)++_rotation % (uint)members.Length);
            for (int i = 0; i < members.Length; i++)
            {
                SiloMember member = members[(start + i) % members.Length];
                long score = member.InFlightCost;
                if (score < bestScore && member.IsPinned && !member.IsEjected && !tried.Contains(member))
                {
                    (best, bestScore) = (member, score);
                }
            }

            best?.Begin(cost);
            return best;
        }
    }

    private IEnumerable<Measurement<long>> Each(Func<SiloMember, long> value) =>
        _members.Select(silo => new Measurement<long>(value(silo), new KeyValuePair<string, object?>("silo", silo.Authority)));
}
