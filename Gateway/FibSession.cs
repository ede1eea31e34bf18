using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using OrleansFib.Gateway.Protocol;

namespace OrleansFib.Gateway;

/// <summary>
/// One connection: a reader that frames requests and starts their work, and a writer that answers
/// them in order. Pipelined requests run concurrently, at most <see cref="GatewayOptions.MaxInFlightPerConnection"/>
/// at a time; past that the connection is not read (TCP pushes back on the client).
/// </summary>
/// <remarks>
/// The common case, an answer ready at once with nothing else pending, is written by the reader
/// itself: no queue, no thread hop. The reader writes only while nothing is queued, and the writer
/// only while something is, so the output has one owner at a time.
/// </remarks>
internal sealed class FibSession
{
    private readonly IDuplexPipe _transport;
    private readonly RequestDispatcher _dispatcher;
    private readonly int _maxLineLength;
    private readonly CancellationToken _clientGone;
    private readonly Channel<ValueTask<Reply>> _pending;
    private int _queued;

    public FibSession(IDuplexPipe transport, RequestDispatcher dispatcher, GatewayOptions options, CancellationToken clientGone)
    {
        _transport = transport;
        _dispatcher = dispatcher;
        _maxLineLength = options.MaxLineLength;
        _clientGone = clientGone;
        _pending = Channel.CreateBounded<ValueTask<Reply>>(new BoundedChannelOptions(options.MaxInFlightPerConnection)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Serves the connection until the client closes it, or <paramref name="stopReading"/> (shutdown) asks it to finish what it has and close.</summary>
    public async Task RunAsync(CancellationToken stopReading)
    {
        Task writing = WritePendingAsync();
        try
        {
            using CancellationTokenRegistration _ = stopReading.UnsafeRegister(static input => ((PipeReader)input!).CancelPendingRead(), _transport.Input);
            await ReadRequestsAsync().ConfigureAwait(false);
        }
        finally
        {
            _pending.Writer.TryComplete();
            await writing.ConfigureAwait(false);
        }
    }

    private async Task ReadRequestsAsync()
    {
        PipeReader input = _transport.Input;
        PipeWriter output = _transport.Output;
        var framer = default(FramerState);
        while (true)
        {
            ReadResult read = await input.ReadAsync().ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = read.Buffer;
            bool unflushed = false;
            try
            {
                while (RequestFramer.TryReadFrame(ref buffer, ref framer, _maxLineLength, out Frame frame))
                {
                    // Room first, work second: a request is not started while the connection has its limit in flight.
                    if (Volatile.Read(ref _queued) > 0 && !await _pending.Writer.WaitToWriteAsync().ConfigureAwait(false))
                    {
                        return;
                    }

                    ValueTask<Reply> reply = _dispatcher.DispatchAsync(frame, _clientGone);
                    if (reply.IsCompletedSuccessfully && Volatile.Read(ref _queued) == 0)
                    {
                        ReplyWriter.Write(output, reply.Result);
                        unflushed = true;
                        continue;
                    }

                    if (unflushed)
                    {
                        // What the reader wrote goes out before the writer takes the output.
                        await output.FlushAsync().ConfigureAwait(false);
                        unflushed = false;
                    }

                    Interlocked.Increment(ref _queued);
                    if (!_pending.Writer.TryWrite(reply))
                    {
                        return; // the writer failed: the connection is gone
                    }
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }

            if (unflushed && (await output.FlushAsync().ConfigureAwait(false)).IsCompleted)
            {
                return;
            }

            if (read.IsCompleted || read.IsCanceled)
            {
                return;
            }
        }
    }

    private async Task WritePendingAsync()
    {
        ChannelReader<ValueTask<Reply>> pending = _pending.Reader;
        PipeWriter output = _transport.Output;
        int unflushed = 0;
        try
        {
            while (await pending.WaitToReadAsync().ConfigureAwait(false))
            {
                // Peeked, not read: a request keeps its place in the bounded queue until it is answered.
                while (pending.TryPeek(out ValueTask<Reply> reply))
                {
                    if (!reply.IsCompleted && unflushed > 0)
                    {
                        // Answers that are ready go out before waiting on a slow one.
                        await FlushAsync().ConfigureAwait(false);
                    }

                    ReplyWriter.Write(output, await reply.ConfigureAwait(false));
                    pending.TryRead(out _);
                    unflushed++;
                }

                await FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // The output is gone: stop the reader too (it may wait for room in the queue, or for input).
            _pending.Writer.TryComplete(e);
            _transport.Input.CancelPendingRead();
            throw;
        }

        async ValueTask FlushAsync()
        {
            await output.FlushAsync().ConfigureAwait(false);
            Interlocked.Add(ref _queued, -unflushed);
            unflushed = 0;
        }
    }
}
