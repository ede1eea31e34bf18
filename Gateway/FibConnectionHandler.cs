using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Options;
using OrleansFib.Gateway.Protocol;
using OrleansFib.Grains;

namespace OrleansFib.Gateway;

/// <summary>
/// Kestrel's handler for the line-protocol endpoint. One instance serves every connection, so
/// per-connection state lives in a <see cref="FibSession"/>; this holds only the shared limits.
/// </summary>
internal sealed class FibConnectionHandler : ConnectionHandler, IDisposable
{
    private readonly RequestDispatcher _dispatcher;
    private readonly GatewayOptions _options;
    private readonly ILogger<FibConnectionHandler> _logger;

    // Cancelled when a shutdown's drain timeout has passed: whatever still runs is abandoned.
    private readonly CancellationTokenSource _drainDeadline = new();
    private readonly int _maxConnections;
    private int _open;
    private long _refusedUnlogged;
    private long _refusalLoggedAt = long.MinValue / 2; // far in the past, without overflowing a subtraction

    public FibConnectionHandler(RequestDispatcher dispatcher, IOptions<GatewayOptions> options, IHostApplicationLifetime lifetime, IMeterFactory meters, ILogger<FibConnectionHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(meters);
        meters.Create(GatewayMetrics.MeterName).CreateObservableUpDownCounter(
            "orleansfib.gateway.connections", () => OpenConnections, "{connection}", "Open line-protocol connections");
        _dispatcher = dispatcher;
        _options = options.Value;
        _logger = logger;
        long? openFileLimit = ConnectionBudget.OpenFileLimit;
        _maxConnections = ConnectionBudget.MaxConnections(_options, openFileLimit);
        if (_maxConnections < _options.MaxConnections)
        {
            GatewayLog.MaxConnectionsLowered(logger, _options.MaxConnections, _maxConnections, openFileLimit ?? 0, _options.ReservedFileDescriptors);
        }

        lifetime.ApplicationStopping.Register(() => _drainDeadline.CancelAfter(_options.DrainTimeout));
    }

    public int OpenConnections => Volatile.Read(ref _open);

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            if (Interlocked.Increment(ref _open) > _maxConnections)
            {
                LogRefusal();
                ReplyWriter.Write(connection.Transport.Output, FibReply.Fail(FibOutcome.Busy, "too many connections"));
                await connection.Transport.Output.FlushAsync().ConfigureAwait(false);
                return;
            }

            GatewayLog.ConnectionOpened(_logger, connection.ConnectionId, connection.RemoteEndPoint);
            using var session = new FibSession(connection.Transport, _dispatcher, _options, connection.ConnectionClosed, _drainDeadline.Token);
            await session.RunAsync(connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None)
                .ConfigureAwait(false);
            GatewayLog.ConnectionClosed(_logger, connection.ConnectionId);
        }
        catch (Exception e) when (e is IOException or ConnectionResetException or ConnectionAbortedException or ChannelClosedException)
        {
            // The client reset the connection, or stopped reading: its work was cancelled, nothing more to do.
            GatewayLog.ConnectionFailed(_logger, connection.ConnectionId, e);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    public void Dispose() => _drainDeadline.Dispose();

    /// <summary>A flood of refusals logs one line a second, with how many there were.</summary>
    private void LogRefusal()
    {
        long refused = Interlocked.Increment(ref _refusedUnlogged);
        long now = Environment.TickCount64, last = Interlocked.Read(ref _refusalLoggedAt);
        if (now - last >= 1000 && Interlocked.CompareExchange(ref _refusalLoggedAt, now, last) == last)
        {
            GatewayLog.ConnectionsRefused(_logger, Interlocked.Exchange(ref _refusedUnlogged, 0), _maxConnections);
        }
    }
}
