using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansFib.Hosting;

/// <summary>
/// Ends a stopping process once its drain timeout plus <see cref="OrleansHostingOptions.LeaveTimeout"/> has
/// passed. Orleans gives each stop stage up to a minute to write the silo's status to the membership table,
/// whatever the host's timeout: with the store unreachable a silo would outlive its pod's grace period.
/// </summary>
internal static class ShutdownDeadline
{
    /// <summary>Arms the deadline when <paramref name="host"/> starts stopping; a stop that completes disarms it.</summary>
    public static void Arm(IHost host)
    {
        IServiceProvider services = host.Services;
        IHostApplicationLifetime lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        TimeSpan leave = services.GetService<OrleansHostingOptions>()?.LeaveTimeout ?? new OrleansHostingOptions().LeaveTimeout;
        TimeSpan deadline = services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout + leave;
        lifetime.ApplicationStopping.Register(() => _ = ExitAfterAsync(services, deadline, lifetime.ApplicationStopped));
    }

    private static async Task ExitAfterAsync(IServiceProvider services, TimeSpan deadline, CancellationToken stopped)
    {
        try
        {
            await Task.Delay(deadline, stopped).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        ILoggerFactory loggers = services.GetRequiredService<ILoggerFactory>();
        HostingLog.StopOverdue(loggers.CreateLogger(typeof(ShutdownDeadline)), deadline);
        loggers.Dispose(); // flushes the console logger's queue
        Environment.Exit(0);
    }
}
