using System.Diagnostics;
using System.Globalization;

namespace OrleansFib.Tests.Support;

/// <summary>
/// A <c>redis-server</c>, by default on 127.0.0.1 and a free port with no persistence; stopped by its PID
/// when disposed.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RedisServer(Process process, string address, int port)
    {
        _process = process;
        Address = address;
        Port = port;
    }

    public string Address { get; }

    public int Port { get; }

    /// <summary>The gateway's and silos' <c>--clustering</c> value for this server.</summary>
    public string Clustering => $"redis:{Address}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Freezes (SIGSTOP) or resumes (SIGCONT) the server: an outage that keeps its data.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public static Task<RedisServer> StartAsync() => StartAsync([], "127.0.0.1", HostPorts.Free(), appendOnlyDirectory: null);

    /// <summary>A server on loopback that lets in only clients with <paramref name="password"/> (Redis' <c>requirepass</c>).</summary>
    public static Task<RedisServer> StartWithPasswordAsync(string password) =>
        StartAsync([], "127.0.0.1", HostPorts.Free(), appendOnlyDirectory: null, ["--requirepass", password]);

    /// <summary>
    /// Starts the server through <paramref name="launcher"/> (e.g. <c>ip netns exec NAME</c>), bound to
    /// <paramref name="address"/>; with <paramref name="appendOnlyDirectory"/>, it keeps an append-only file
    /// there, as the prod overlay's Redis does, so a server started again on it remembers the cluster.
    /// </summary>
    public static async Task<RedisServer> StartAsync(string[] launcher, string address, int port, string? appendOnlyDirectory, string[]? options = null)
    {
        // A launcher execs the rest of its arguments, so the PID is the server's.
        string[] command = [.. launcher, RedisFactAttribute.Path];
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] persistence = appendOnlyDirectory is null ? ["--appendonly", "no"] : ["--appendonly", "yes", "--dir", appendOnlyDirectory];

        // Protected mode refuses other hosts when no password is set; the official image turns it off too.
        foreach (string arg in (string[])[.. command.Skip(1), "--bind", address, "--port", port.ToString(CultureInfo.InvariantCulture),
            "--save", "", "--protected-mode", "no", .. persistence, .. options ?? []])
        {
            start.ArgumentList.Add(arg);
        }

        var server = new RedisServer(Process.Start(start)!, address, port);
        server._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
            {
                server._ready.TrySetResult();
            }
        };
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await server._ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            throw new TimeoutException($"redis-server on {address}:{port} was not ready within 30 s");
        }

        return server;
    }

    /// <summary>Stops the server as Kubernetes stops a pod (SIGTERM: it finishes its append-only file and exits).</summary>
    public async Task StopAsync()
    {
        Signal("TERM");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
