using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansFib.Tests.Support;

/// <summary>A socket client of the line protocol, as netcat or perf2.py would be. Every read is bounded.</summary>
internal sealed class LineClient : IFibAsker
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(60);
    private readonly Socket _socket;
    private readonly StreamReader _reader;

    private LineClient(Socket socket)
    {
        _socket = socket;
        _reader = new StreamReader(new NetworkStream(socket, ownsSocket: false), Encoding.ASCII);
    }

    public static async Task<LineClient> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return new LineClient(socket);
    }

    public async Task SendAsync(string text) => await SendAsync(Encoding.ASCII.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _socket.SendAsync(bytes);

    public async Task<string?> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        return await _reader.ReadLineAsync(timeout.Token);
    }

    /// <summary>Sends one line and reads one answer.</summary>
    public async Task<string?> AskAsync(string request)
    {
        await SendAsync(request + "\n");
        return await ReadLineAsync();
    }

    /// <summary>perf2.py's exchange: a bare send, then one recv of at most 100 bytes.</summary>
    public async Task<string> AskBareAsync(string request)
    {
        await SendAsync(request);
        var buffer = new byte[100];
        using var timeout = new CancellationTokenSource(ReadTimeout);
        int read = await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    /// <summary>Goes away abruptly: the connection is reset (RST), as when a client dies with unread data.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    /// <summary>Sends no more (a FIN) but keeps reading, as <c>nc -N</c> and ncat do at the end of their input.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
