using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace OrleansFib.Tests.Support;

/// <summary>A connection made of two in-memory pipes, for driving a connection handler without sockets.</summary>
internal sealed class PipeConnection : IConnectionLifetimeNotificationFeature, IDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private readonly CancellationTokenSource _closeRequested = new();
    private readonly CancellationTokenSource _closed = new();

    public PipeConnection()
    {
        Context = new DefaultConnectionContext("test", new DuplexPipe(_toServer.Reader, _toClient.Writer), new DuplexPipe(_toClient.Reader, _toServer.Writer))
        {
            ConnectionClosed = _closed.Token,
        };
        Context.Features.Set<IConnectionLifetimeNotificationFeature>(this);
    }

    public DefaultConnectionContext Context { get; }

    public CancellationToken ConnectionClosedRequested { get => _closeRequested.Token; set => throw new NotSupportedException(); }

    public async Task SendAsync(string text) => await _toServer.Writer.WriteAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>The client is gone: the input ends in a reset and the connection is reported closed, in Kestrel's order.</summary>
    public async Task ResetAsync()
    {
        await _toServer.Writer.CompleteAsync(new ConnectionResetException("reset by the test"));
        await _closed.CancelAsync();
    }

    /// <summary>The client sends no more (a FIN, as <c>nc -N</c> does) but still reads; Kestrel reports that as closed too.</summary>
    public async Task HalfCloseAsync()
    {
        await _toServer.Writer.CompleteAsync();
        await _closed.CancelAsync();
    }

    /// <summary>Whether the server has nothing more to say: it completed its side, or the handler returned.</summary>
    public async Task<bool> AtEndAsync(Task serving)
    {
        await serving;
        return !_toClient.Reader.TryRead(out ReadResult rest) || rest.Buffer.IsEmpty;
    }

    /// <summary>What Kestrel does to every connection on a graceful shutdown.</summary>
    public void RequestClose() => _closeRequested.Cancel();

    public async Task<string> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        PipeReader reader = _toClient.Reader;
        while (true)
        {
            ReadResult read = await reader.ReadAsync(timeout.Token);
            var buffer = read.Buffer;
            if (buffer.PositionOf((byte)'\n') is { } newline)
            {
                string line = Encoding.ASCII.GetString(buffer.Slice(0, newline));
                reader.AdvanceTo(buffer.GetPosition(1, newline));
                return line;
            }

            Assert.False(read.IsCompleted, "the server closed the connection");
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public void Dispose()
    {
        _closeRequested.Dispose();
        _closed.Dispose();
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
