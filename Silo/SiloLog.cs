using System.Net;

namespace OrleansFib.Silo;

/// <summary>The silo's log messages, source-generated.</summary>
internal static partial class SiloLog
{
    [LoggerMessage(1, LogLevel.Information, "OrleansFib silo {Silo} started; FibGrain: algorithm {Algorithm}, max n {MaxN}, {Workers} workers")]
    public static partial void Started(ILogger logger, string silo, string algorithm, int maxN, int workers);

    [LoggerMessage(2, LogLevel.Information, "OrleansFib silo listening on {EndPoint} (operations HTTP/1.1)")]
    public static partial void ListeningOperations(ILogger logger, EndPoint endPoint);

    [LoggerMessage(3, LogLevel.Warning, "Draining: leaving the cluster; in-flight calls have {DrainTimeout} to finish")]
    public static partial void Draining(ILogger logger, TimeSpan drainTimeout);

}
