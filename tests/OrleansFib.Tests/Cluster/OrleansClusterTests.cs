using Orleans.TestingHost;
using OrleansFib.Grains;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Cluster;

/// <summary>The gateway's routing over a real Orleans cluster (TestingHost, in process): where work goes, and how it stops.</summary>
public sealed class OrleansClusterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EveryTypeThatCrossesTheWireSurvivesARealCluster()
    {
        await using FibTestCluster test = await FibTestCluster.StartAsync(1, FibAlgorithm.Fast, maxN: 100_000);
        IFibGrain grain = test.Cluster.Client.GetGrain<IFibGrain>(1);

        FibReply big = await grain.ComputeAsync(new FibRequest(1000, Deadline, Client: 7), CancellationToken.None);
        FibReply small = await grain.ComputeAsync(new FibRequest(90, Deadline), CancellationToken.None);
        FibReply refused = await grain.ComputeAsync(new FibRequest(100_001, Deadline), CancellationToken.None);
        FibReply late = await grain.ComputeAsync(new FibRequest(100_000, TimeSpan.FromTicks(1)), CancellationToken.None);

        Assert.Equal(Fibonacci.Exact(1000), big.Value.ToBigInteger()); // kept as decimal digits
        Assert.Equal(Fibonacci.Exact(90), small.Value.ToBigInteger()); // kept as 64 bits
        Assert.Equal(FibReply.Fail(FibErrorKind.Invalid, "n=100001 exceeds the limit of 100000"), refused);
        Assert.Equal(FibReply.Fail(FibErrorKind.Timeout, "timeout"), late);
    }

    [Fact]
    public async Task WorkIsSpreadOverTheSilosByCost()
    {
        await using FibTestCluster test = await FibTestCluster.StartAsync(2);
        await Eventually.TrueAsync(() => test.Directory.Members.Length == 2, "the router knows both silos");

        FibReply[] replies = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => test.Router.ComputeAsync(new FibRequest(27, Deadline), CancellationToken.None).AsTask()));

        Assert.All(replies, reply => Assert.Equal(Fibonacci.Exact(27), reply.Value.ToBigInteger()));
        long[] completed = [.. test.Pools.Select(pool => pool.Completed)];
        Assert.All(completed, count => Assert.True(count >= 10, $"completed per silo: {string.Join(", ", completed)}"));
    }

    [Fact]
    public async Task CheapRequestsNeverLeaveTheGateway()
    {
        await using FibTestCluster test = await FibTestCluster.StartAsync(1);

        FibReply reply = await test.Router.ComputeAsync(new FibRequest(20, Deadline), CancellationToken.None);

        Assert.Equal(Fibonacci.Exact(20), reply.Value.ToBigInteger());
        Assert.All(test.Pools, pool => Assert.Equal(0, pool.Completed));
    }

    [Fact]
    public async Task ACallerThatLeavesStopsTheComputationInTheSilo()
    {
        await using FibTestCluster test = await FibTestCluster.StartAsync(1);
        InProcessSiloHandle silo = test.Cluster.Silos[0];
        using var caller = new CancellationTokenSource();

        Task<FibReply> call = test.Router.ComputeAsync(new FibRequest(45, Deadline), caller.Token).AsTask();
        await Eventually.TrueAsync(() => FibTestCluster.Pool(silo).Running == 1, "the silo computes fib(45)");
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await Eventually.TrueAsync(() => FibTestCluster.Pool(silo) is { Running: 0, Cancelled: 1 }, "the silo's computation is cancelled");
    }

    [Fact]
    public async Task ADeadlineThatPassesIsATimeoutAndStopsTheComputationInTheSilo()
    {
        await using FibTestCluster test = await FibTestCluster.StartAsync(1);
        InProcessSiloHandle silo = test.Cluster.Silos[0];

        FibReply reply = await test.Router.ComputeAsync(new FibRequest(45, TimeSpan.FromMilliseconds(500)), CancellationToken.None);

        Assert.Equal(FibErrorKind.Timeout, reply.Error);
        await Eventually.TrueAsync(() => FibTestCluster.Pool(silo) is { Running: 0, Completed: 0 } pool && pool.Cancelled + pool.TimedOut == 1, "the silo's computation is stopped");
    }

    [Fact]
    public async Task ASiloStoppedGracefullyMidLoadLosesNoRequest()
    {
        await using FibTestCluster test = await FibTestCluster.StartAsync(3);
        await Eventually.TrueAsync(() => test.Directory.Members.Length == 3, "the router knows the three silos");
        await using var load = new RouterLoad(test.Router, 6);
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
        await using var load = new RouterLoad(test.Router, 6);
        await load.AnsweredAtLeastAsync(50);

        InProcessSiloHandle added = await test.Cluster.StartAdditionalSiloAsync();

        await Eventually.TrueAsync(() => FibTestCluster.Pool(added).Completed > 0, "the new silo computes");
        await load.StopAsync();
        Assert.Empty(load.Errors);
    }
}
