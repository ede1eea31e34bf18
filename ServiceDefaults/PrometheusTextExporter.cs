using System.Globalization;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace OrleansFib.Hosting;

/// <summary>
/// Writes what the OpenTelemetry SDK aggregated in the Prometheus text format (0.0.4). The SDK's own
/// Prometheus exporter cannot be restored here, so this is the small part of it that we need:
/// counters, gauges and explicit-bucket histograms.
/// </summary>
public sealed class PrometheusTextExporter : BaseExporter<Metric>
{
    private string _text = string.Empty;

    /// <summary>The text of the last collection.</summary>
    public string Text => Volatile.Read(ref _text);

    public override ExportResult Export(in Batch<Metric> batch)
    {
        var text = new StringBuilder();
        foreach (Metric metric in batch)
        {
            Write(text, metric);
        }

        Volatile.Write(ref _text, text.ToString());
        return ExportResult.Success;
    }

    /// <summary>The Prometheus name: dots become underscores, seconds and counters get their conventional suffixes.</summary>
    public static string NameOf(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        string name = metric.Name.Replace('.', '_').Replace('-', '_');
        if (metric.Unit == "s")
        {
            name += "_seconds";
        }

        return metric.MetricType is MetricType.LongSum or MetricType.DoubleSum ? name + "_total" : name;
    }

    private static void Write(StringBuilder text, Metric metric)
    {
        string name = NameOf(metric);
        string type = metric.MetricType switch
        {
            MetricType.LongSum or MetricType.DoubleSum => "counter",
            MetricType.Histogram => "histogram",
            _ => "gauge",
        };
        text.Append("# HELP ").Append(name).Append(' ').Append(metric.Description.Replace("\n", " ", StringComparison.Ordinal)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (ref readonly MetricPoint point in metric.GetMetricPoints())
        {
            string labels = Labels(point.Tags);
            switch (metric.MetricType)
            {
                case MetricType.Histogram:
                    long cumulative = 0;
                    foreach (HistogramBucket bucket in point.GetHistogramBuckets())
                    {
                        cumulative += bucket.BucketCount;
                        string le = double.IsPositiveInfinity(bucket.ExplicitBound) ? "+Inf" : Number(bucket.ExplicitBound);
                        Sample(text, name + "_bucket", Join(labels, $"le=\"{le}\""), cumulative);
                    }

                    Sample(text, name + "_sum", labels, point.GetHistogramSum());
                    Sample(text, name + "_count", labels, point.GetHistogramCount());
                    break;
                case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                    Sample(text, name, labels, point.GetSumLong());
                    break;
                case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                    Sample(text, name, labels, point.GetSumDouble());
                    break;
                case MetricType.LongGauge:
                    Sample(text, name, labels, point.GetGaugeLastValueLong());
                    break;
                case MetricType.DoubleGauge:
                    Sample(text, name, labels, point.GetGaugeLastValueDouble());
                    break;
                default:
                    break; // exponential histograms are not configured
            }
        }
    }

    private static string Labels(ReadOnlyTagCollection tags)
    {
        var labels = new List<string>();
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            string value = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty;
            labels.Add($"{tag.Key.Replace('.', '_')}=\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"");
        }

        return string.Join(',', labels);
    }

    private static string Join(string labels, string label) => labels.Length == 0 ? label : labels + "," + label;

    private static void Sample(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);
}
