using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OrleansFib.Hosting;

/// <summary>Runs a host from <c>Main</c>: usage on <c>--help</c>, and a one-line message with exit code 2 for bad configuration instead of a stack trace.</summary>
public static class ServiceHost
{
    public const int ConfigurationErrorExitCode = 2;

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

        async Task<int> FailAsync(string message)
        {
            await Console.Error.WriteLineAsync($"{program}: configuration error: {message}").ConfigureAwait(false);
            return ConfigurationErrorExitCode;
        }
    }
}
