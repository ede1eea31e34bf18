using System.Net;
using Microsoft.AspNetCore.Builder;
using OrleansFib.Bench;
using OrleansFib.Tests.Support;
using Spectre.Console;

namespace OrleansFib.Tests.Bench;

/// <summary>The load tool: it measures a correct server cleanly, and no wrong answer or ERR slips past it.</summary>
[Collection(GatewayTestGroup.Name)]
public sealed class BenchTests(GatewayFixture gateway)
{
    private static readonly RunSettings Short = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10), Framing.Bare);

    [Theory]
    [InlineData("go=127.0.0.1:25001", "go", 25001)]
    [InlineData("127.0.0.1:25000", "127.0.0.1:25000", 25000)]
    [InlineData("local=localhost:7", "local", 7)]
    public void TargetsAreNameEqualsAddress(string text, string name, int port)
    {
        Target target = Target.Parse(text);

        Assert.Equal(name, target.Name);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, port), target.EndPoint);
    }

    [Fact]
    public void AnH2cTargetIsNamedByItsScheme()
    {
        Target target = Target.Parse("bare=h2c://127.0.0.1:25107");

        Assert.Equal(TargetProtocol.H2c, target.Protocol);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 25107), target.EndPoint);
        Assert.Equal("bare=h2c://127.0.0.1:25107", target.ToString());
    }

    [Fact]
    public async Task TheBareH2cBaselineIsMeasuredLikeAnyServer()
    {
        await using WebApplication server = await BareH2cServer.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        var target = new Target("bare-h2c", IPEndPoint.Parse(new Uri(server.Urls.Single()).Authority), TargetProtocol.H2c);

        IReadOnlyList<ClassResult> results = LoadRunner.Run(target, [new LoadClass("ping", 2, 1), new LoadClass("big", 1, 90), new LoadClass("refused", 1, BareH2cServer.MaxN + 1)], Short);

        Assert.All(results.Take(2), result => Assert.True(result.Correct > 0 && result.Wrong + result.Errors == 0, result.Problem));
        Assert.Equal(0, results[2].Correct);
        Assert.StartsWith($"{BareH2cServer.MaxN + 1}: 400", results[2].Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orleansfib")]
    [InlineData("x=somehost:25000")]
    [InlineData("x=127.0.0.1")]
    public void AnythingElseIsRefused(string text) => Assert.Throws<FormatException>(() => Target.Parse(text));

    [Theory]
    [InlineData(Framing.Bare)]
    [InlineData(Framing.Newline)]
    public void ACorrectServerIsMeasuredWithoutErrors(Framing framing)
    {
        IReadOnlyList<ClassResult> results = LoadRunner.Run(GatewayTarget(), [new LoadClass("ping", 2, 1), new LoadClass("heavy", 1, 25)], Short with { Framing = framing });

        Assert.All(results, result =>
        {
            Assert.True(result.Correct > 0);
            Assert.Equal(0, result.Wrong + result.Errors);
            Assert.Null(result.Problem);
        });
    }

    [Fact]
    public void EveryMultiConnectionWorkloadReportsItsSlowestConnection()
    {
        ClassResult ping = LoadRunner.Run(GatewayTarget(), [new LoadClass("ping", 3, 1)], Short)[0];

        Metric[] shares = [.. Metrics.Shares(string.Empty, ping)];

        Assert.Equal(ping.PerConnectionRps.Min(), shares.Single(metric => metric.Name == "req/s, slowest connection").Value);
        double share = shares.Single(metric => metric.Name == "slowest ÷ fastest connection").Value;
        Assert.InRange(share, double.Epsilon, 1);
        Assert.Empty(Metrics.Shares(string.Empty, LoadRunner.Run(GatewayTarget(), [new LoadClass("one", 1, 1)], Short)[0]));
    }

    [Theory]
    [InlineData("2", false)]
    [InlineData("ERR busy", true)]
    public async Task WrongAnswersAndErrLinesAreCaught(string answer, bool isError)
    {
        await using var broken = new FixedAnswerServer(answer);

        ClassResult result = LoadRunner.Run(new Target("broken", broken.EndPoint), [new LoadClass("ping", 1, 30)], Short)[0];

        Assert.Equal(0, result.Correct);
        Assert.True((isError ? result.Errors : result.Wrong) > 0);
        Assert.Equal($"30: {answer}", result.Problem);
    }

    [Fact]
    public async Task TheCommandFailsWhenAnAnswerIsWrong()
    {
        await using var broken = new FixedAnswerServer("2");
        string[] common = ["--duration", "0.3", "--warmup", "0", "--n", "30"];

        int good = await BenchCommands.Build().Parse(["latency", "-t", $"ok=127.0.0.1:{gateway.Port}", .. common]).InvokeAsync();
        int bad = await BenchCommands.Build().Parse(["latency", "-t", $"ok=127.0.0.1:{gateway.Port}", "-t", $"broken={broken.EndPoint}", .. common]).InvokeAsync();

        Assert.Equal(0, good);
        Assert.Equal(1, bad);
    }

    [Fact]
    public async Task ManyIdleConnectionsAreOpenedConfirmedAndAnsweredTogether()
    {
        var conns = new ConnsWorkload(200, 32, new Dictionary<string, int> { ["gateway"] = Environment.ProcessId });

        WorkloadRun run = await conns.MeasureAsync(GatewayTarget(), Short, CancellationToken.None);

        Assert.Equal(0, run.Wrong + run.Errors);
        Assert.Equal(200, run.Metrics.Single(metric => metric.Name == "connections answered at once").Value);
        Assert.Contains(run.Metrics, metric => metric.Name == "RSS per connection");
    }

    [Fact]
    public void TargetsThatReportDifferentFiguresAreShownSideBySide()
    {
        var withMemory = new TargetResult(GatewayTarget(), [Metrics.Rate("req/s", 10), new Metric("RSS before", 50, "MB", false)], 0, 0, null);
        var without = new TargetResult(new Target("other", new IPEndPoint(IPAddress.Loopback, 1)), [Metrics.Rate("req/s", 20)], 0, 0, null);
        var printed = new StringWriter();
        IAnsiConsole previous = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(printed), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        AnsiConsole.Console.Profile.Width = 160;
        try
        {
            Report.Print(new PingWorkload(1), [without, withMemory]);
        }
        finally
        {
            AnsiConsole.Console = previous;
        }

        string rssRow = printed.ToString().Split('\n').Single(line => line.Contains("RSS before", StringComparison.Ordinal));
        Assert.Contains("–", rssRow, StringComparison.Ordinal); // the target without it
        Assert.Contains("50", rssRow, StringComparison.Ordinal);
        Assert.Contains("(0.50×)", printed.ToString(), StringComparison.Ordinal); // the second's req/s against the first's: 10 / 20
    }

    private Target GatewayTarget() => new("gateway", new IPEndPoint(IPAddress.Loopback, gateway.Port));
}
