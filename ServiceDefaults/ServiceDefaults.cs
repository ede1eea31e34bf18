using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OrleansFib.Hosting;

/// <summary>What every host adds and maps the same way (eShop's and Aspire's ServiceDefaults): telemetry, probes, metrics, the Orleans Dashboard.</summary>
public static class ServiceDefaults
{
    /// <summary>Telemetry for the process <paramref name="serviceName"/> with <paramref name="meterNames"/> besides the standard meters, and health checks.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName, params string[] meterNames)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddTelemetry(serviceName, meterNames);
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>The operations port's shared endpoints: the probes, <c>/metrics</c>, and the Orleans Dashboard when it is on.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthEndpoints();
        app.MapMetrics();
        app.MapDashboard();
        return app;
    }
}
