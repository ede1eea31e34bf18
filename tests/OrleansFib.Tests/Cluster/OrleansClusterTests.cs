using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;
using OrleansFib.Gateway.Routing;
using OrleansFib.Grains;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Cluster;

/// <summary>The gateway's routing over a real Orleans cluster (TestingHost, in process): where work goes, and how it stops.</summary>
public sealed class OrleansClusterTests
{
    [Fact]
    public async Task EveryTypeThatCrossesTheWireSurvivesARealCluster()
    {
        await using FibTestCluster test = await FibTestCluster.StartAsync(1, FibAlgorithm.Fast, maxN: 100_000);
        IFibGrain grain = test.Cluster.Client.GetGrain<IFibGrain>(1);

        FibReply big = await grain.ComputeAsync(new FibRequest(1000, Client: 7), CancellationToken.None);
        FibReply small = await grain.ComputeAsync(new FibRequest(90), CancellationToken.None);
        Serializer serializer = test.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();

        Assert.Equal(FibReply.Answer(new FibNumber(Fibonacci.Exact(1000))), big); // kept as decimal digits
        Assert.Equal(FibReply.Answer(new FibNumber(Fibonacci.Exact(90))), small); // kept as 64 bits
        foreach (FibReply refusal in new[] { FibReply.Busy, FibReply.ShuttingDown, FibReply.LimitExceeded(50, 45), FibReply.Cancelled })
        {
            Assert.Equal(refusal, serializer.Deserialize<FibReply>(serializer.SerializeToArray(refusal)));
        }
    }

    [Fact]
    public async Task WorkIsSpreadOverTheSilosByCost()
    {
        await using FibTestCluster test = await FibTestCluster.StartAsync(2);
        await Eventually.TrueAsync(() => test.Directory.Members.Length == 2, "the router knows both silos");

        FibReply[] replies = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => test.Router.ComputeAsync(new FibRequest(27), CancellationToken.None).AsTask()));

        Assert.All(replies, reply => Assert.Equal(Fibonacci.Exact(27), reply.Value.ToBigInteger()));
        long[] completed = [.. test.Pools.Select(pool => pool.Completed)];
        Assert.All(completed, count => Assert.True(count >= 10, $"completed per silo: {string.Join(", ", completed)}"));
    }

    [Fact]
    public async Task EachSilosKeyEntersTheClusterThroughThatSilosOwnGateway()
    {
        await using FibTestCluster test = await FibTestCluster.StartAsync(3);
        await Eventually.TrueAsync(() => test.Directory.Members is { Length: 3 } members && members.All(member => member.IsDirect), "a direct key for each silo");

        IClusterClient client = test.Cluster.Client;
        ImmutableArray<SiloMember> members = test.Directory.Members;
        foreach (SiloMember member in members)
        {
            // Without the placement hint, a stateless worker is placed on the silo its call enters through.
            Assert.Equal(member.Address, await member.Grain(client).GetSiloAsync());
        }

        // A new key replaces the member's reference with it: no call keeps going to the old key's silo.
        members[0].Pin(members[1].GrainKey, direct: true); // direct: the watcher leaves it alone
        Assert.Equal(members[1].Address, await members[0].Grain(client).GetSiloAsync());
    }

    [Fact]
    public async Task CheapRequestsNeverLeaveTheGateway()
    {
        await using FibTestCluster test = await FibTestCluster.StartAsync(1);

        FibReply reply = await test.Router.ComputeAsync(new FibRequest(20), CancellationToken.None);

        Assert.Equal(Fibonacci.Exact(20), reply.Value.ToBigInteger());
        Assert.All(test.Pools, pool => Assert.Equal(0, pool.Completed));
    }

    [Fact]
    public async Task ACallerThatLeavesStopsTheComputationInTheSilo()
    {
        await using FibTestCluster test = await FibTestCluster.StartAsync(1);
        InProcessSiloHandle silo = test.Cluster.Silos[0];
        using var caller = new CancellationTokenSource();

        Task<FibReply> call = test.Router.ComputeAsync(new FibRequest(45), caller.Token).AsTask();
        await Eventually.TrueAsync(() => FibTestCluster.Pool(silo).Running == 1, "the silo computes fib(45)");
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await Eventually.TrueAsync(() => FibTestCluster.Pool(silo) is { Running: 0, Cancelled: 1 }, "the silo's computation is cancelled");
    }

    [Fact]
    public async Task ADeadlineThatPassesStopsTheComputationInTheSilo()
    {
        await using FibTestCluster test = await FibTestCluster.StartAsync(1);
        InProcessSiloHandle silo = test.Cluster.Silos[0];

        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)); // as the gateway's dispatcher arms it

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => test.Router.ComputeAsync(new FibRequest(45), deadline.Token).AsTask());

        await Eventually.TrueAsync(() => FibTestCluster.Pool(silo) is { Running: 0, Completed: 0, Cancelled: 1 }, "the silo's computation is stopped");
    }

    [Fact]
    public async Task ASiloStoppedGracefullyMidLoadLosesNoRequest()
    {
        await using FibTestCluster test = await FibTestCluster.StartAsync(3);
        await Eventually.TrueAsync(() => test.Directory.Members.Length == 3, "the router knows the three silos");
        await using var load = new MixedLoad(() => Task.FromResult<IFibAsker>(new RouterAsker(test.Router)), 6, 24, 28);
        await load.AnsweredAtLeastAsync(100);

        await test.Cluster.StopSiloAsync(test.Cluster.Silos[1]);
        await load.AnsweredAtLeastAsync(load.Answers + 200);
        await load.StopAsync();

        Assert.Empty(load.Errors);
    }

    [Fact]
    public async Task ASiloAddedMidLoadGetsWork()
    {
        await using FibTestCluster test = await FibTestCluster.StartAsync(1);
        await using var load = new MixedLoad(() => Task.FromResult<IFibAsker>(new RouterAsker(test.Router)), 6, 24, 28);
        await load.AnsweredAtLeastAsync(50);

        InProcessSiloHandle added = await test.Cluster.StartAdditionalSiloAsync();

        await Eventually.TrueAsync(() => FibTestCluster.Pool(added).Completed > 0, "the new silo computes");
        await load.StopAsync();
        Assert.Empty(load.Errors);
    }
}
