using OpenTelemetry.Metrics;

namespace OrleansFib.Hosting;

/// <summary>Collects on demand (a Prometheus scrape) what the meter provider aggregated, as Prometheus text.</summary>
public sealed class MetricsScraper
{
    private readonly Lock _lock = new();

    public MetricsScraper()
    {
        Exporter = new PrometheusTextExporter();
        Reader = new BaseExportingMetricReader(Exporter);
    }

    internal PrometheusTextExporter Exporter { get; }

    internal MetricReader Reader { get; }

    public string Scrape()
    {
        lock (_lock)
        {
            Reader.Collect();
            return Exporter.Text;
        }
    }
}
