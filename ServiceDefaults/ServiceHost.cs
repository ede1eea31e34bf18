using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OrleansFib.Hosting;

/// <summary>Runs a host from <c>Main</c>: usage on <c>--help</c>, and a one-line message with exit code 2 for bad configuration instead of a stack trace.</summary>
public static class ServiceHost
{
    public const int ConfigurationErrorExitCode = 2;

    /// <summary>The cluster could not be joined at start: Redis refused the credentials or did not answer.</summary>
    public const int ClusterUnavailableExitCode = 3;

    /// <summary>A web host builder whose configuration also takes <paramref name="switches"/>, and whose content root is the program's folder (wherever it is started from).</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, IReadOnlyDictionary<string, string> switches)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, switches.ToDictionary());
        return builder;
    }

    /// <summary>On SIGTERM the host waits this long for its servers to finish in-flight work.</summary>
    public static void AddDrainTimeout<TOptions>(this IServiceCollection services, Func<TOptions, TimeSpan> drainTimeout)
        where TOptions : class =>
        services.AddOptions<HostOptions>().Configure<IOptions<TOptions>>((host, options) => host.ShutdownTimeout = drainTimeout(options.Value));

    public static async Task<int> RunAsync(string program, string[] args, IReadOnlyDictionary<string, string> switches, Func<string[], IHost> build)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(build);
        if (args is ["--help"] or ["-h"])
        {
            await Console.Out.WriteLineAsync(CommandLineSwitches.Usage(program, switches)).ConfigureAwait(false);
            return 0;
        }

        if (CommandLineSwitches.FindUnknown(args, switches) is { } unknown)
        {
            return await FailAsync($"unknown argument '{unknown}' (see --help)").ConfigureAwait(false);
        }

        try
        {
            using IHost host = build(args);
            ShutdownDeadline.Arm(host);
            await host.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (OptionsValidationException e)
        {
            return await FailAsync(string.Join(" ", e.Failures)).ConfigureAwait(false);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            return await FailAsync(e.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM while still starting (e.g. waiting for a cluster that does not let it in): a stop, not a crash.
            return 0;
        }
        catch (ClusterStartException e)
        {
            await Console.Error.WriteLineAsync($"{program}: cannot join the cluster: {e.Message}").ConfigureAwait(false);
            return ClusterUnavailableExitCode;
        }

        async Task<int> FailAsync(string message)
        {
            await Console.Error.WriteLineAsync($"{program}: configuration error: {message}").ConfigureAwait(false);
            return ConfigurationErrorExitCode;
        }
    }
}
