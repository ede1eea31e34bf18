using System.Net;
using Microsoft.Extensions.Options;
using OrleansFib.Gateway.Protocol;

namespace OrleansFib.Gateway;

/// <summary>Fails start-up with a message that names the setting and its range.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (options.Address != "*" && !IPAddress.TryParse(options.Address, out _))
        {
            failures.Add($"Gateway:Address (--address) must be * or an IP address; it is '{options.Address}'.");
        }

        Check(failures, "Gateway:Port (--port)", options.Port, 0, IPEndPoint.MaxPort);
        Check(failures, "Gateway:MaxConnections (--max-connections)", options.MaxConnections, 1, 1_000_000);
        Check(failures, "Gateway:MaxLineLength", options.MaxLineLength, 1, RequestParser.MaxSupportedLineLength);
        Check(failures, "Gateway:MaxInFlightPerConnection", options.MaxInFlightPerConnection, 1, 10_000);
        Check(failures, "Gateway:RequestTimeout (--timeout)", options.RequestTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(1));
        Check(failures, "Gateway:DrainTimeout (--drain-timeout)", options.DrainTimeout, TimeSpan.Zero, TimeSpan.FromHours(1));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check<T>(List<string> failures, string setting, T value, T min, T max)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            failures.Add($"{setting} must be between {min} and {max}; it is {value}.");
        }
    }
}
