using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OrleansFib.Tests.Support;

/// <summary>
/// One of our programs (Gateway, Silo) as a real child process, built next to the tests. Its output is
/// collected; it is stopped by its own PID when the test ends, whatever happened.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_lock)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    public static ServiceProcess Start(string project, params string[] args) => Start(project, new Dictionary<string, string>(), args);

    public static ServiceProcess Start(string project, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(project, environment, [], args);

    /// <summary>
    /// Starts the program through <paramref name="launcher"/> when one is given: a program that execs the
    /// rest of its arguments, so the PID is the program's (<c>ip netns exec NAME</c>, <c>prlimit --nofile=N</c>).
    /// </summary>
    public static ServiceProcess Start(string project, IReadOnlyDictionary<string, string> environment, string[] launcher, params string[] args)
    {
        // A gateway without a cluster co-hosts a silo: on a port of its own, not the shared default 11111.
        if (project == "Gateway" && !args.Contains("--silo-port") && !args.Contains("--clustering") && !args.Contains("--help"))
        {
            args = [.. args, "--silo-port", HostPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var settings = new Dictionary<string, string>(environment)
        {
            ["DOTNET_ENVIRONMENT"] = environment.GetValueOrDefault("DOTNET_ENVIRONMENT", "Production"),
            ["Logging__Console__FormatterName"] = environment.GetValueOrDefault("Logging__Console__FormatterName", "simple"),
        };
        return StartCommand([.. launcher, dotnet, AssemblyOf(project), .. args], settings);
    }

    /// <summary>Any program, its output collected the same way (<c>podman run</c>, which ends with its container's exit code).</summary>
    public static ServiceProcess StartCommand(IReadOnlyList<string> command, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var service = new ServiceProcess(process);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.Exited += (_, _) => service.Append(null);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Waits until the program logs its listening line and returns the port of the line that names <paramref name="what"/>.</summary>
    public async Task<int> WaitForPortAsync(string what = "line protocol")
    {
        Match match = await WaitForOutputAsync(new Regex($@"listening on \S+:(\d+) \({Regex.Escape(what)}\)"));
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<Match> WaitForOutputAsync(Regex pattern)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                foreach (string line in _lines)
                {
                    if (pattern.Match(line) is { Success: true } match)
                    {
                        return match;
                    }
                }

                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The process exited ({_process.ExitCode}) before printing /{pattern}/:\n{string.Join('\n', _lines)}");
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The process did not print /{pattern}/ within a minute:\n{Output}");
            }
        }
    }

    public void Terminate() => Signal("TERM");

    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>Where the build put <paramref name="project"/> (its folder from the repository root, e.g. <c>benchmarks/Bench</c>): same configuration as the tests.</summary>
    private static string AssemblyOf(string project)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = here.Name, configuration = here.Parent!.Name;
        DirectoryInfo root = here;
        while (!File.Exists(Path.Combine(root.FullName, "OrleansFib.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("OrleansFib.sln not found above " + AppContext.BaseDirectory);
        }

        string path = Path.Combine(root.FullName, project, "bin", configuration, framework, Path.GetFileName(project) + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{project} is not built at {path}");
    }

    private void Append(string? line)
    {
        lock (_lock)
        {
            if (line is not null)
            {
                _lines.Add(line);
            }

            _changed.TrySetResult();
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
