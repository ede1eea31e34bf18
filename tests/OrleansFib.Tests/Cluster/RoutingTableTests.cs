using Microsoft.Extensions.Logging.Abstractions;
using OrleansFib.Gateway.Routing;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Cluster;

public sealed class RoutingTableTests
{
    private readonly RoutingTable _directory = new(TestMeters.Factory, NullLogger<RoutingTable>.Instance);

    public RoutingTableTests()
    {
        _directory.Update([.. Enumerable.Range(1, 3).Select(port => SiloAddress.New(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port), 1))]);
        foreach (SiloMember member in _directory.Members)
        {
            member.Pin(member.Address.Endpoint.Port, direct: true);
        }
    }

    [Fact]
    public void ASiloWithoutAPinnedKeyGetsNoWork()
    {
        _directory.Update([.. _directory.Members.Select(member => member.Address), SiloAddress.New(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 4), 1)]);
        SiloMember joined = _directory.Members[^1];

        Assert.All(Enumerable.Range(0, 12), _ => Assert.NotSame(joined, _directory.Reserve([], 1)));
        joined.Pin(4, direct: true);
        Assert.Same(joined, _directory.Reserve([], 1));
    }

    [Fact]
    public void AfterTheGatewayConnectionsChangeEachDirectKeyIsProvedAgainAndStillServes()
    {
        SiloMember member = _directory.Members[0];
        long key = member.GrainKey;

        _directory.RecheckDirectKeys();

        Assert.False(member.IsDirect);
        Assert.True(member.WantsDirectSearch(maxSearches: 1));
        Assert.Equal(key, member.GrainKey);
        Assert.NotNull(_directory.Reserve([], 1));
    }

    [Fact]
    public async Task ConcurrentReservationsSpreadEvenlyInsteadOfPilingOntoOneSilo()
    {
        const long Cost = 1000;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 300; i++)
            {
                Assert.NotNull(_directory.Reserve([], Cost));
            }
        })));

        long[] inFlight = [.. _directory.Members.Select(silo => silo.InFlightCost)];
        Assert.Equal(2400 * Cost, inFlight.Sum());
        Assert.True(inFlight.Max() - inFlight.Min() <= Cost, $"in-flight cost per silo: {string.Join(", ", inFlight)}");
    }

    [Fact]
    public void TheLeastLoadedSiloThatIsNeitherTriedNorEjectedIsReserved()
    {
        SiloMember[] silos = [.. _directory.Members];
        silos[0].Begin(500);
        silos[1].Eject(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        Assert.Same(silos[2], _directory.Reserve([], 10));
        Assert.Same(silos[0], _directory.Reserve([silos[2]], 10));
        Assert.Null(_directory.Reserve([silos[0], silos[2]], 10));
        Assert.Equal(510, silos[0].InFlightCost);
    }
}
