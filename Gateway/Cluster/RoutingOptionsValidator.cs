using Microsoft.Extensions.Options;
using OrleansFib.Hosting;

namespace OrleansFib.Gateway.Cluster;

/// <summary>Fails start-up with a message that names the setting and its range.</summary>
internal sealed class RoutingOptionsValidator : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var failures = new OptionFailures();
        failures.Range("Routing:LocalMaxN (--local-max-n)", options.LocalMaxN, -1, int.MaxValue);
        failures.Range("Routing:MaxAttempts", options.MaxAttempts, 1, 100);
        failures.Range("Routing:Ejection", options.Ejection, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));
        failures.Range("Routing:MaxEjection", options.MaxEjection, options.Ejection, TimeSpan.FromHours(1));
        failures.Range("Routing:RefreshInterval", options.RefreshInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        failures.Range("Routing:CallTimeout", options.CallTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
        return failures.Result;
    }
}
