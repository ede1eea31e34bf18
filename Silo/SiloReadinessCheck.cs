using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansFib.Silo;

/// <summary>Ready while the silo is an active member of the cluster and not draining.</summary>
internal sealed class SiloReadinessCheck(SiloState state, IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            state.Draining ? HealthCheckResult.Unhealthy("draining")
            : membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress) != SiloStatus.Active ? HealthCheckResult.Unhealthy("not an active member of the cluster yet")
            : HealthCheckResult.Healthy());
}
