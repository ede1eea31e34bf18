using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansFib.Silo;

/// <summary>Ready until the silo starts draining: then Kubernetes takes it out of the Service.</summary>
internal sealed class SiloReadinessCheck(SiloState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.Draining ? HealthCheckResult.Unhealthy("draining") : HealthCheckResult.Healthy());
}
