using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansFib.Gateway.Routing;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Cluster;

public sealed class SiloWatcherTests
{
    [Fact]
    public async Task AFailedWaitForMembershipDoesNotEndTheWatcher()
    {
        var silos = new FlakyActiveSilos();
        var table = new RoutingTable(TestMeters.Factory, NullLogger<RoutingTable>.Instance);
        IOptions<RoutingOptions> options = Options.Create(new RoutingOptions { RefreshInterval = TimeSpan.FromMilliseconds(100) });
        using var watcher = new SiloWatcher(silos, new SiloKeyFinder(null!, NullLogger<SiloKeyFinder>.Instance), table, options, NullLogger<SiloWatcher>.Instance);

        await watcher.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => Volatile.Read(ref silos.Reads) >= 3, "the watcher reads on after its wait failed");
        await watcher.StopAsync(CancellationToken.None);

        Assert.True(silos.Waits >= 2, "it waited again after the failed wait");
        Assert.False(watcher.ExecuteTask!.IsFaulted);
    }

    /// <summary>No silos; its first wait for a change fails, the later ones return at once.</summary>
    private sealed class FlakyActiveSilos : IActiveSilos
    {
        public int Reads;
        public int Waits;

        public Task<IReadOnlyCollection<SiloAddress>> ReadAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Reads);
            return Task.FromResult<IReadOnlyCollection<SiloAddress>>([]);
        }

        public Task WaitForChangeAsync(TimeSpan? atMost, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref Waits) == 1 ? Task.FromException(new InvalidOperationException("membership stream failed")) : Task.Delay(10, cancellationToken);
    }
}
