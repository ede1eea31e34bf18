using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OrleansFib.Grains;

/// <summary>Hosts FibGrain workers in a process (a silo, or the gateway's embedded default).</summary>
public static class FibGrainServiceCollectionExtensions
{
    /// <summary>Registers the compute behind <see cref="FibGrain"/>: its worker pool, configured from the <c>FibGrain</c> section and validated at start-up.</summary>
    public static IServiceCollection AddFibGrain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FibGrainOptions>()
            .Bind(configuration.GetSection(FibGrainOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FibGrainOptions>, FibGrainOptionsValidator>();
        services.AddSingleton<IValidateOptions<FibGrainOptions>, FibGrainMaxNValidator>();
        services.AddSingleton<FibWorkerPool>();
        services.AddSingleton<FibCompute>();
        return services;
    }
}
