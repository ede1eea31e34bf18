using Microsoft.Extensions.Logging;

namespace OrleansFib.Hosting;

/// <summary>The shared hosting code's log messages, source-generated.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(1, LogLevel.Warning, "Still stopping {Deadline} after SIGTERM: exiting now. Whatever Orleans could not write to the membership table (this silo's departure) its peers' probes find out")]
    public static partial void StopOverdue(ILogger logger, TimeSpan deadline);

    [LoggerMessage(2, LogLevel.Warning, "Refused a connection from {Peer} to the {Port} port: {Reason} (this peer's next refusals are not logged for {Interval})")]
    public static partial void TlsRefused(ILogger logger, string peer, string port, string reason, TimeSpan interval);
}
