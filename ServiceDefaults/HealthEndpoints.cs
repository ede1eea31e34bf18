using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansFib.Hosting;

/// <summary>
/// The probes Kubernetes asks: <c>/health/startup</c> (the host has started), <c>/health/ready</c>
/// (it should get traffic: the checks tagged <see cref="ReadyTag"/>), <c>/health/live</c> (the process answers).
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";
    public const string PathPrefix = "/health";

    public static IHealthChecksBuilder AddReadiness<TCheck>(this IServiceCollection services, string name)
        where TCheck : class, IHealthCheck =>
        services.AddHealthChecks().AddCheck<TCheck>(name, tags: [ReadyTag]);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(PathPrefix + "/startup", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks(PathPrefix + "/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks(PathPrefix + "/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return endpoints;
    }
}
