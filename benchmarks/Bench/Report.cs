using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace OrleansFib.Bench;

/// <summary>Prints results side by side, each figure with its ratio to the first target's, and writes them as JSON.</summary>
public static class Report
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Print(IWorkload workload, IReadOnlyList<TargetResult> results)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(results);
        var table = new Table().Title($"[bold]{workload.Name}[/]: {Markup.Escape(workload.Description)}").AddColumn("figure");
        foreach (TargetResult result in results)
        {
            table.AddColumn(new TableColumn(Markup.Escape(result.Target.Name)).RightAligned());
        }

        // Figures by name: targets may report different sets (memory only where a PID was given).
        foreach (string name in results.SelectMany(result => result.Metrics).Select(metric => metric.Name).Distinct())
        {
            Metric?[] row = [.. results.Select(result => result.Metrics.FirstOrDefault(metric => metric.Name == name))];
            Metric unitSource = row.First(metric => metric is not null)!;
            var cells = new List<string> { Markup.Escape($"{name} ({unitSource.Unit})") };
            cells.AddRange(row.Select((metric, column) => metric is null ? "–" : Cell(metric, row[0], column == 0)));
            table.AddRow(cells.ToArray());
        }

        table.AddRow(["wrong / ERR", .. results.Select(result => result.Wrong + result.Errors == 0 ? "[green]0 / 0[/]" : $"[red]{result.Wrong} / {result.Errors}[/]")]);
        AnsiConsole.Write(table);
        foreach (TargetResult result in results.Where(result => result.Problem is not null))
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(result.Target.Name)}[/]: {Markup.Escape(result.Problem!)}");
        }
    }

    public static async Task WriteJsonAsync(string path, IReadOnlyList<(IWorkload Workload, IReadOnlyList<TargetResult> Results)> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var document = new
        {
            date = DateTimeOffset.UtcNow,
            machine = new { cores = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription },
            workloads = runs.Select(run => new
            {
                name = run.Workload.Name,
                description = run.Workload.Description,
                targets = run.Results.Select(result => new
                {
                    name = result.Target.Name,
                    address = result.Target.Address,
                    wrong = result.Wrong,
                    errors = result.Errors,
                    problem = result.Problem,
                    metrics = result.Metrics.Select(metric => new { name = metric.Name, unit = metric.Unit, value = double.IsFinite(metric.Value) ? metric.Value : (double?)null }),
                }),
            }),
        };
        await using FileStream file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, document, Json).ConfigureAwait(false);
    }

    private static string Cell(Metric metric, Metric? baseline, bool isBaseline)
    {
        string value = Format(metric.Value);
        if (isBaseline || baseline is null || !double.IsFinite(metric.Value) || !double.IsFinite(baseline.Value) || baseline.Value == 0)
        {
            return value;
        }

        double ratio = metric.Value / baseline.Value;
        bool better = metric.HigherIsBetter ? ratio > 1 : ratio < 1;
        return $"{value} [{(better ? "green" : "grey")}]({ratio.ToString("0.00", CultureInfo.InvariantCulture)}×)[/]";
    }

    private static string Format(double value) => !double.IsFinite(value) ? "–"
        : Math.Abs(value) >= 100 ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);
}
