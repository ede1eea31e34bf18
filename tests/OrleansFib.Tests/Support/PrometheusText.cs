using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansFib.Tests.Support;

/// <summary>Reads the Prometheus text format (0.0.4) strictly: every line must be a comment, a TYPE/HELP line, or a well-formed sample of a declared family.</summary>
internal static partial class PrometheusText
{
    /// <summary>Samples by series (<c>name{labels}</c> exactly as written).</summary>
    public static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (TypeLine().Match(line) is { Success: true } type)
            {
                Assert.True(types.TryAdd(type.Groups[1].Value, type.Groups[2].Value), $"TYPE declared twice: {line}");
                continue;
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line == "# EOF")
            {
                continue;
            }

            Match sample = SampleLine().Match(line);
            Assert.True(sample.Success, $"not a Prometheus sample line: '{line}'");
            string name = sample.Groups["name"].Value;
            string family = types.Keys.FirstOrDefault(f => name == f || (types[f] == "histogram" && name.StartsWith(f + "_", StringComparison.Ordinal)))
                ?? throw new Xunit.Sdk.XunitException($"sample of an undeclared family: '{line}'");
            Assert.NotNull(family);
            string value = sample.Groups["value"].Value;
            double number = value switch { "+Inf" => double.PositiveInfinity, "-Inf" => double.NegativeInfinity, _ => double.Parse(value, CultureInfo.InvariantCulture) };
            Assert.True(samples.TryAdd(name + WithoutScope(sample.Groups["labels"].Value), number), $"series twice: {line}");
        }

        return samples;
    }

    public static double Value(this Dictionary<string, double> samples, string series) => samples.GetValueOrDefault(series);

    /// <summary>The labels without the OpenTelemetry exporter's <c>otel_scope_*</c> ones, which every series of a meter shares.</summary>
    private static string WithoutScope(string labels)
    {
        string rest = ScopeLabel().Replace(labels, "").Replace("{,", "{", StringComparison.Ordinal).Replace(",}", "}", StringComparison.Ordinal);
        return rest == "{}" ? "" : rest;
    }

    [GeneratedRegex(@"otel_scope_[a-z_]+=""([^""\\]|\\.)*"",?")]
    private static partial Regex ScopeLabel();

    [GeneratedRegex(@"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{([a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*"",?)*\})? (?<value>[-+]?(\d+(\.\d+)?([eE][-+]?\d+)?|Inf|NaN))$")]
    private static partial Regex SampleLine();
}
