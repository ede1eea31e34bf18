using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OrleansFib.Hosting;

/// <summary>
/// OpenTelemetry the standard way: our meters, Orleans' (<c>Microsoft.Orleans</c>), the runtime's and
/// ASP.NET Core's; Prometheus text on <c>/metrics</c> of the operations port; metrics and traces over
/// OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and traces only then.
/// </summary>
public static class Telemetry
{
    public const string Path = "/metrics";

    /// <summary>The meter Orleans publishes its instruments on.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Telemetry of the process <paramref name="serviceName"/> (the resource's <c>service.name</c>) with <paramref name="meterNames"/> besides the standard ones.</summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, string serviceName, params string[] meterNames)
    {
        OpenTelemetryBuilder telemetry = services.AddOpenTelemetry()
            // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, where set, name the process instead (Aspire names each process it starts).
            .ConfigureResource(resource => resource.AddService(serviceName).AddEnvironmentVariableDetector())
            .WithMetrics(metrics => metrics
                .AddMeter([.. meterNames, OrleansMeter])
                .AddRuntimeInstrumentation()
                .AddAspNetCoreInstrumentation()
                .AddView(instrument => instrument.Unit == "s" && instrument.Meter.Name.StartsWith("OrleansFib", StringComparison.Ordinal)
                    ? new ExplicitBucketHistogramConfiguration { Boundaries = [.. MetricBuckets.Seconds] }
                    : null)
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0)); // each scrape sees now
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            // Traces have nowhere to go but OTLP. Without it, recording a span on both sides of every
            // grain call would be pure cost (docs/performance.md, "No traces without a place to send them").
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource("OrleansFib.*", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                    .AddAspNetCoreInstrumentation())
                .UseOtlpExporter();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(Path);
        return endpoints;
    }
}
