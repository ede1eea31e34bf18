using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using OrleansFib.Tests.Support;
using Xunit.Abstractions;

namespace OrleansFib.Tests.Aspire;

/// <summary>
/// The Aspire AppHost as a developer runs it: Redis, two silos and the gateway started in health order
/// answer fib(30) on the line port; SIGTERM to the AppHost takes them all down. Every port is free-picked
/// or left to Aspire, every listener on loopback.
/// </summary>
[Trait(SlowSuite.Trait, SlowSuite.Value)]
public sealed class AppHostTests(ITestOutputHelper output)
{
    [RedisFact]
    public async Task TheAppHostStartsTheClusterThatAnswersAndStopsItOnSigterm()
    {
        int linePort = HostPorts.Free();
        string Loopback() => $"http://127.0.0.1:{HostPorts.Free().ToString(CultureInfo.InvariantCulture)}";
        var environment = new Dictionary<string, string>
        {
            // The launch profile's settings, on free ports: the dashboard, its OTLP receiver and its resource service, over http.
            ["ASPNETCORE_URLS"] = Loopback(),
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = Loopback(),
            ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = Loopback(),
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
        };

        var watch = Stopwatch.StartNew();
        await using ServiceProcess appHost = ServiceProcess.Start("AppHost", environment, "--LinePort", linePort.ToString(CultureInfo.InvariantCulture));
        string? answer = null;
        await Eventually.TrueAsync(async () =>
        {
            Assert.False(appHost.HasExited, $"the AppHost exited:\n{appHost.Output}");
            try
            {
                await using LineClient client = await LineClient.ConnectAsync(linePort);
                answer = await client.AskAsync("30");
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, "the gateway answers", TimeSpan.FromMinutes(3));
        output.WriteLine($"first fib(30) {watch.Elapsed.TotalSeconds:0.0} s after the AppHost started");
        Assert.Equal("832040", answer);

        // Aspire's orchestrator (DCP) runs detached from the AppHost, watching its PID; what it started is its tree.
        Dictionary<int, string> cluster = OrchestratedBy(appHost.Id);
        try
        {
            string[] programs = [.. cluster.Values.Select(command => Path.GetFileName(command.Split(['\0', ' '])[0]))];
            Assert.Equal(1, programs.Count(program => program == "redis-server"));
            Assert.Equal(2, programs.Count(program => program == "Silo"));
            Assert.Equal(1, programs.Count(program => program == "Gateway"));

            watch.Restart();
            appHost.Terminate();
            Assert.Equal(0, await appHost.WaitForExitAsync(TimeSpan.FromSeconds(60)));

            // The processes drain (Gateway:DrainTimeout, Silo:DrainTimeout) and exit after the AppHost.
            await Eventually.TrueAsync(() => cluster.Keys.All(pid => !Directory.Exists($"/proc/{pid}")), "the AppHost's processes are gone", TimeSpan.FromSeconds(90));
            output.WriteLine($"all {cluster.Count} processes gone {watch.Elapsed.TotalSeconds:0.0} s after SIGTERM to the AppHost");
        }
        finally
        {
            foreach (int pid in cluster.Keys.Where(pid => Directory.Exists($"/proc/{pid}")))
            {
                using var kill = Process.Start("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
            }
        }
    }

    /// <summary>The orchestrator watching <paramref name="appHost"/> and every process under it: PID → command line (arguments separated by NUL).</summary>
    private static Dictionary<int, string> OrchestratedBy(int appHost)
    {
        Dictionary<int, (int Parent, string Command)> processes = [];
        foreach (string folder in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(folder), out int pid))
                {
                    // stat: "pid (name) state ppid ..."; the name may hold spaces, so read after its closing parenthesis.
                    string stat = File.ReadAllText(Path.Combine(folder, "stat"));
                    int parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                    processes[pid] = (parent, File.ReadAllText(Path.Combine(folder, "cmdline")));
                }
            }
            catch (IOException)
            {
                // It exited while being read.
            }
        }

        int orchestrator = processes.Single(p => p.Value.Command.Contains("start-apiserver", StringComparison.Ordinal)
            && p.Value.Command.Contains($"--monitor\0{appHost.ToString(CultureInfo.InvariantCulture)}\0", StringComparison.Ordinal)).Key;
        var tree = new Dictionary<int, string> { [orchestrator] = processes[orchestrator].Command };
        for (int added = 1; added > 0;)
        {
            int[] children = [.. processes.Where(p => !tree.ContainsKey(p.Key) && tree.ContainsKey(p.Value.Parent)).Select(p => p.Key)];
            foreach (int child in children)
            {
                tree[child] = processes[child].Command;
            }

            added = children.Length;
        }

        return tree;
    }
}
