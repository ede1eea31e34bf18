using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansFib.Tests.Support;

/// <summary>A broken fib server on 127.0.0.1 that answers every read with the same line, to show Bench catches it.</summary>
internal sealed class FixedAnswerServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public FixedAnswerServer(string answer)
    {
        _listener.Start();
        byte[] line = Encoding.ASCII.GetBytes(answer + "\n");
        _serving = ServeAsync(line);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }

    private async Task ServeAsync(byte[] line)
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket client = await _listener.AcceptSocketAsync(_stop.Token);
                connections.Add(AnswerAsync(client, line));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }

        await Task.WhenAll(connections);
    }

    private async Task AnswerAsync(Socket client, byte[] line)
    {
        using (client)
        {
            var buffer = new byte[256];
            try
            {
                while (await client.ReceiveAsync(buffer, _stop.Token) > 0)
                {
                    await client.SendAsync(line, _stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                // the test is over, or the client left
            }
        }
    }
}
