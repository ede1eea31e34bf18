using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace OrleansFib.Tests.Support;

/// <summary>A <c>redis-server</c> on 127.0.0.1 and a free port, with no persistence, stopped by its PID when disposed.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The gateway's and silos' <c>--clustering</c> value for this server.</summary>
    public string Clustering => $"redis:127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Freezes (SIGSTOP) or resumes (SIGCONT) the server: an outage that keeps its data.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public static async Task<RedisServer> StartAsync()
    {
        int port = HostPorts.Free();
        var start = new ProcessStartInfo(RedisFactAttribute.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        var server = new RedisServer(Process.Start(start)!, port);
        await Eventually.TrueAsync(async () =>
        {
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, "redis-server accepts connections");
        return server;
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
