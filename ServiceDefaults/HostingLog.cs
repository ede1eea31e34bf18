using Microsoft.Extensions.Logging;

namespace OrleansFib.Hosting;

/// <summary>The shared hosting code's log messages, source-generated.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(1, LogLevel.Warning, "Still stopping {Deadline} after SIGTERM: exiting now. Whatever Orleans could not write to the membership table (this silo's departure) its peers' probes find out")]
    public static partial void StopOverdue(ILogger logger, TimeSpan deadline);
}
