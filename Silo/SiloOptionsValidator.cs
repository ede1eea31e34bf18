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

        failures.Range("Silo:Port (--port)", options.Port, 0, IPEndPoint.MaxPort);
        failures.Range("Silo:HealthPort (--health-port)", options.HealthPort, 0, IPEndPoint.MaxPort);
        if (options.Port != 0 && options.Port == options.HealthPort)
        {
            failures.Add($"Silo:Port and Silo:HealthPort must differ; both are {options.Port}.");
        }

        failures.Range("Silo:DefaultTimeout", options.DefaultTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(1));
        failures.Range("Silo:DrainTimeout (--drain-timeout)", options.DrainTimeout, TimeSpan.Zero, TimeSpan.FromHours(1));
        return failures.Result;
    }
}
