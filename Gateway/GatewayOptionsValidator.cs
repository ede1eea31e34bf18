using System.Net;
using Microsoft.Extensions.Options;
using OrleansFib.Gateway.Protocol;
using OrleansFib.Hosting;

namespace OrleansFib.Gateway;

/// <summary>Fails start-up with a message that names the setting and its range.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new OptionFailures();
        failures.ListenAddress("Gateway:Address (--address)", options.Address);

        failures.Range("Gateway:Port (--port)", options.Port, 0, IPEndPoint.MaxPort);
        failures.Range("Gateway:HttpPort (--http-port)", options.HttpPort, 0, IPEndPoint.MaxPort);
        failures.Range("Gateway:MaxConnections (--max-connections)", options.MaxConnections, 1, 1_000_000);
        failures.Range("Gateway:ReservedFileDescriptors", options.ReservedFileDescriptors, 16, 1_000_000);
        if (ConnectionBudget.OpenFileLimit() is { } limit && ConnectionBudget.MaxConnections(options, limit) < 1)
        {
            failures.Add($"The open-file limit ({limit}) leaves no room for connections after Gateway:ReservedFileDescriptors ({options.ReservedFileDescriptors}); raise 'ulimit -n'.");
        }

        failures.Range("Gateway:IdleTimeout (--idle-timeout)", options.IdleTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        failures.Range("Gateway:MaxOverlongBytes", options.MaxOverlongBytes, 0, long.MaxValue);
        failures.Range("Gateway:MaxLineLength", options.MaxLineLength, 1, RequestParser.MaxSupportedLineLength);
        failures.Range("Gateway:MaxInFlightPerConnection", options.MaxInFlightPerConnection, 1, 10_000);
        failures.Range("Gateway:RequestTimeout (--timeout)", options.RequestTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(1));
        failures.Range("Gateway:DrainTimeout (--drain-timeout)", options.DrainTimeout, TimeSpan.Zero, TimeSpan.FromHours(1));
        return failures.Result;
    }
}
