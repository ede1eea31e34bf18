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

    [LoggerMessage(4, LogLevel.Warning, "{Refused} connection(s) refused: {MaxConnections} connections are open")]
    public static partial void ConnectionsRefused(ILogger logger, long refused, int maxConnections);

    [LoggerMessage(5, LogLevel.Debug, "Connection {ConnectionId} ended by a transport error")]
    public static partial void ConnectionFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Shutting down: no new connections; in-flight requests have {DrainTimeout} to finish")]
    public static partial void Draining(ILogger logger, TimeSpan drainTimeout);

    [LoggerMessage(8, LogLevel.Information, "OrleansFib gateway listening on {EndPoint} (operations HTTP/1.1)")]
    public static partial void ListeningOperations(ILogger logger, EndPoint endPoint);

    [LoggerMessage(9, LogLevel.Information, "Silo {Silo} joined")]
    public static partial void SiloAdded(ILogger logger, string silo);

    [LoggerMessage(10, LogLevel.Information, "Silo {Silo} left")]
    public static partial void SiloRemoved(ILogger logger, string silo);

    [LoggerMessage(11, LogLevel.Warning, "Silo {Silo} ejected for {Backoff}: {Reason}")]
    public static partial void SiloEjected(ILogger logger, string silo, string reason, TimeSpan backoff);


    [LoggerMessage(13, LogLevel.Warning, "Retrying on another silo: {Reason}")]
    public static partial void Retrying(ILogger logger, string? reason);

    [LoggerMessage(14, LogLevel.Warning, "Cannot read the cluster's active silos; keeping the last list: {Reason}")]
    public static partial void MembershipUnavailable(ILogger logger, string reason);

    [LoggerMessage(15, LogLevel.Warning, "Gateway:MaxConnections lowered from {Configured} to {Effective}: the open-file limit is {OpenFileLimit}, of which {Reserved} are kept for the process itself (raise 'ulimit -n' to serve more)")]
    public static partial void MaxConnectionsLowered(ILogger logger, int configured, int effective, long openFileLimit, int reserved);

    [LoggerMessage(16, LogLevel.Information, "Looking for grain keys that enter through their own silo's gateway stopped for this refresh: {Reason}")]
    public static partial void DirectKeySearchFailed(ILogger logger, string reason);

    [LoggerMessage(17, LogLevel.Debug, "A connection to an Orleans gateway closed ({Previous} -> {Current}); each silo's direct key is checked again")]
    public static partial void GatewayConnectionClosed(ILogger logger, int previous, int current);

    [LoggerMessage(6, LogLevel.Error, "Request n={N} failed unexpectedly")]
    public static partial void RequestFailed(ILogger logger, int n, Exception exception);
}
