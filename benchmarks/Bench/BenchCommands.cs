using System.CommandLine;
using System.Globalization;
using System.Net;
using Spectre.Console;

namespace OrleansFib.Bench;

/// <summary>The command line: one subcommand per workload, the options every workload shares.</summary>
public static class BenchCommands
{
    private static readonly Option<string[]> Targets = new("--target", "-t")
    {
        Description = "a server to measure, name=ip:port (repeat for a side-by-side run; ratios are against the first)",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<double> Duration = new("--duration") { Description = "measured seconds per run", DefaultValueFactory = _ => 5 };
    private static readonly Option<double> Warmup = new("--warmup") { Description = "warm-up seconds before each run (not counted)", DefaultValueFactory = _ => 1 };
    private static readonly Option<int> Rounds = new("--rounds") { Description = "interleaved rounds over the targets; figures are the medians", DefaultValueFactory = _ => 1 };
    private static readonly Option<double> Timeout = new("--timeout") { Description = "seconds one answer may take before it counts as an error", DefaultValueFactory = _ => 30 };
    private static readonly Option<Framing> FramingOption = new("--framing") { Description = "bare (perf2.py: b'1', no newline) or newline", DefaultValueFactory = _ => Framing.Bare };
    private static readonly Option<string?> JsonFile = new("--json") { Description = "also write the results to this JSON file" };

    public static RootCommand Build()
    {
        var conns = Int("--conns", "connections", 1);
        var n = Int("--n", "the n each request asks", 30);
        var heavy = Int("--heavy", "heavy connections", 2);
        var cores = Int("--cores", "cores of the server's machine, for the ideal rate", Environment.ProcessorCount);
        var count = Int("--count", "idle connections to open", 1000);
        var dialing = Int("--dial-parallelism", "connections dialled at once", 64);
        var pids = new Option<string[]>("--pid") { Description = "name=PID of a target's server process, to read its memory", AllowMultipleArgumentsPerToken = false };

        var root = new RootCommand("OrleansFib Bench: the talk's measurements, side by side. Every answer is checked; a wrong answer or an ERR fails the run.");
        root.Subcommands.Add(Workload("ping", "perf2.py: connections ping-ponging fib(1)", [conns], r => new PingWorkload(r.GetValue(conns))));
        root.Subcommands.Add(Workload("latency", "perf1.py: sequential fib(n) on one connection", [n], r => new LatencyWorkload(r.GetValue(n))));
        root.Subcommands.Add(Workload("mixed", "the talk's experiment: ping connections while heavy connections ask fib(n)", [conns, heavy, n],
            r => new MixedWorkload(r.GetValue(conns), r.GetValue(heavy), r.GetValue(n))));
        root.Subcommands.Add(Workload("throughput", "connections asking fib(n): the rate against cores ÷ t(fib(n))", [conns, n, cores],
            r => new ThroughputWorkload(r.GetValue(conns), r.GetValue(n), r.GetValue(cores))));
        root.Subcommands.Add(Workload("conns", "many idle connections, all answering at once, then a fresh ping; with --pid, memory", [count, dialing, pids],
            r => new ConnsWorkload(r.GetValue(count), r.GetValue(dialing), ParsePids(r.GetValue(pids)))));
        root.Subcommands.Add(ServeH2c());
        return root;
    }

    /// <summary>Not a workload: the bare HTTP/2 server a service hop is compared with (<c>-t name=h2c://ip:port</c>).</summary>
    private static Command ServeH2c()
    {
        var address = new Option<string>("--address") { Description = "the IP address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "the port to listen on", Required = true };
        var command = new Command("serve-h2c", "serve the baseline of a service hop: bare Kestrel HTTP/2 without TLS, GET /fib/N (N up to 100), until stopped")
        {
            Options = { address, port },
        };
        command.SetAction((result, cancellationToken) =>
            BareH2cServer.RunAsync(IPAddress.Parse(result.GetValue(address)!), result.GetValue(port), cancellationToken));
        return command;
    }

    private static Option<int> Int(string name, string description, int defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    private static Command Workload(string name, string description, Option[] options, Func<ParseResult, IWorkload> create)
    {
        var command = new Command(name, description);
        foreach (Option option in options.Concat([Targets, Duration, Warmup, Rounds, Timeout, FramingOption, JsonFile]))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            IWorkload workload = create(result);
            Target[] targets = [.. result.GetValue(Targets)!.Select(Target.Parse)];
            var settings = new RunSettings(TimeSpan.FromSeconds(result.GetValue(Warmup)), TimeSpan.FromSeconds(result.GetValue(Duration)),
                TimeSpan.FromSeconds(result.GetValue(Timeout)), result.GetValue(FramingOption));
            IReadOnlyList<TargetResult> results = await BenchRunner.RunAsync(workload, targets, settings, Math.Max(1, result.GetValue(Rounds)), cancellationToken).ConfigureAwait(false);
            Report.Print(workload, results);
            if (result.GetValue(JsonFile) is { } json)
            {
                await Report.WriteJsonAsync(json, [(workload, results)]).ConfigureAwait(false);
            }

            bool clean = results.All(r => r.Wrong == 0 && r.Errors == 0);
            if (!clean)
            {
                AnsiConsole.MarkupLine("[red]FAILED: wrong answers or ERR lines (see above)[/]");
            }

            return clean ? 0 : 1;
        });
        return command;
    }

    private static Dictionary<string, int> ParsePids(string[]? pairs) =>
        (pairs ?? []).Select(pair => pair.Split('=', 2)).ToDictionary(
            parts => parts[0],
            parts => int.Parse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture),
            StringComparer.Ordinal);
}
