using Microsoft.Extensions.Options;
using OrleansFib.Hosting;

namespace OrleansFib.Gateway.Cluster;

/// <summary>Fails start-up with a message that names the setting and its range.</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var failures = new OptionFailures();
        if (options.HasSilos && !SiloSource.TryParse(options.Silos!, out _, out string? error))
        {
            failures.Add($"Cluster:Silos (--silos) {error}");
        }

        failures.Range("Cluster:RefreshInterval", options.RefreshInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        failures.Range("Cluster:LocalMaxN (--local-max-n)", options.LocalMaxN, -1, int.MaxValue);
        failures.Range("Cluster:MaxAttempts", options.MaxAttempts, 1, 100);
        failures.Range("Cluster:Ejection", options.Ejection, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));
        failures.Range("Cluster:MaxEjection", options.MaxEjection, options.Ejection, TimeSpan.FromHours(1));
        failures.Range("Cluster:ConnectTimeout", options.ConnectTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(5));
        failures.Range("Cluster:KeepAliveTimeout", options.KeepAliveTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        if (options.HedgingDelay is { } delay)
        {
            failures.Range("Cluster:HedgingDelay", delay, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(5));
        }

        failures.Range("Cluster:HedgingMaxCost", options.HedgingMaxCost, options.HedgingMinCost, long.MaxValue);
        return failures.Result;
    }
}
