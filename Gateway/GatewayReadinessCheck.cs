using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansFib.Gateway.Routing;

namespace OrleansFib.Gateway;

/// <summary>Ready when the gateway can answer every request: at least one silo it may call.</summary>
internal sealed class GatewayReadinessCheck(RoutingTable table) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(table.AnyAvailable
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("no silo can be reached"));
}
