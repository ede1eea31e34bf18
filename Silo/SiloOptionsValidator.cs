using System.Net;
using Microsoft.Extensions.Options;
using OrleansFib.Hosting;

namespace OrleansFib.Silo;

/// <summary>Fails start-up with a message that names the setting and its range.</summary>
internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var failures = new OptionFailures();
        failures.ListenAddress("Silo:Address (--address)", options.Address);
        failures.Range("Silo:HttpPort (--http-port)", options.HttpPort, 0, IPEndPoint.MaxPort);
        failures.Range("Silo:DrainTimeout (--drain-timeout)", options.DrainTimeout, TimeSpan.Zero, TimeSpan.FromHours(1));
        return failures.Result;
    }
}
