using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace OrleansFib.Hosting;

/// <summary>
/// Exports the service's meters: always as Prometheus text on <c>/metrics</c> (the operations port),
/// and over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class MetricsExport
{
    public const string Path = "/metrics";

    public static IServiceCollection AddMetricsExport(this IServiceCollection services, params string[] meterNames)
    {
        services.AddSingleton<MetricsScraper>();
        services.AddSingleton(provider =>
        {
            MeterProviderBuilder builder = Sdk.CreateMeterProviderBuilder()
                .AddMeter(meterNames)
                .AddView(instrument => instrument.Unit == "s" && instrument.Meter.Name.StartsWith("OrleansFib", StringComparison.Ordinal)
                    ? new ExplicitBucketHistogramConfiguration { Boundaries = [.. MetricBuckets.Seconds] }
                    : null)
                .AddReader(provider.GetRequiredService<MetricsScraper>().Reader);
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
            {
                builder.AddOtlpExporter();
            }

            return builder.Build();
        });
        return services;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // The provider starts listening when first resolved: at start-up, not at the first scrape.
        endpoints.ServiceProvider.GetRequiredService<MeterProvider>();
        endpoints.MapGet(Path, (MetricsScraper scraper) => Results.Text(scraper.Scrape(), "text/plain; version=0.0.4; charset=utf-8"));
        return endpoints;
    }
}
