using System.Net;

namespace OrleansFib.Gateway;

/// <summary>The gateway's log messages, source-generated.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(1, LogLevel.Information, "OrleansFib gateway listening on {EndPoint} (line protocol); FibGrain {Mode}: algorithm {Algorithm}, max n {MaxN}, {Workers} workers")]
    public static partial void Listening(ILogger logger, EndPoint endPoint, string mode, string algorithm, int maxN, int workers);

    [LoggerMessage(2, LogLevel.Debug, "Connection {ConnectionId} from {Remote} opened")]
    public static partial void ConnectionOpened(ILogger logger, string connectionId, EndPoint? remote);

    [LoggerMessage(3, LogLevel.Debug, "Connection {ConnectionId} closed")]
    public static partial void ConnectionClosed(ILogger logger, string connectionId);

    [LoggerMessage(4, LogLevel.Warning, "Connection {ConnectionId} refused: {MaxConnections} connections are open")]
    public static partial void ConnectionRefused(ILogger logger, string connectionId, int maxConnections);

    [LoggerMessage(5, LogLevel.Debug, "Connection {ConnectionId} ended by a transport error")]
    public static partial void ConnectionFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Shutting down: no new connections; in-flight requests have {DrainTimeout} to finish")]
    public static partial void Draining(ILogger logger, TimeSpan drainTimeout);

    [LoggerMessage(6, LogLevel.Error, "Request n={N} failed unexpectedly")]
    public static partial void RequestFailed(ILogger logger, int n, Exception exception);
}
