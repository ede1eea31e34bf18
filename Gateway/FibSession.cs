using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using OrleansFib.Gateway.Protocol;

namespace OrleansFib.Gateway;

/// <summary>
/// One connection: a reader that frames requests and starts their work, and a writer that answers
/// them in order. Pipelined requests run concurrently, at most <see cref="GatewayOptions.MaxInFlightPerConnection"/>
/// at a time; past that the connection is not read (TCP pushes back on the client).
/// </summary>
/// <remarks>
/// <para>The common case, an answer ready at once with nothing else pending, is written by the reader
/// itself: no queue, no thread hop. The reader writes only while nothing is queued, and the writer
/// only while something is, so the output has one owner at a time.</para>
/// <para>A client that half-closes (<c>nc -N</c>, ncat) has said it sends no more, not that it stopped
/// listening: its requests are still answered, then the connection is closed. Work is cancelled when
/// the connection is really gone: a reset, an answer that cannot be written, or the drain deadline.</para>
/// </remarks>
internal sealed class FibSession : IDisposable
{
    /// <summary>Input read in one go before the session gives its socket thread to other connections.</summary>
    private const int YieldAfterBytes = 64 * 1024;

    private readonly IDuplexPipe _transport;
    private readonly RequestDispatcher _dispatcher;
    private readonly int _maxLineLength;
    private readonly CancellationTokenSource _abandoned;
    private readonly CancellationToken _transportClosed;
    private readonly Channel<ValueTask<Reply>> _pending;
    private readonly long _client;
    private readonly long _maxOverlongBytes;
    private readonly IdleTimer _idle;
    private int _queued;

    // transportClosed: Kestrel's ConnectionClosed, which fires for a FIN as well as a reset.
    public FibSession(IDuplexPipe transport, RequestDispatcher dispatcher, GatewayOptions options, CancellationToken transportClosed, CancellationToken drainDeadline)
    {
        ArgumentNullException.ThrowIfNull(options);
        _transport = transport;
        _client = Random.Shared.NextInt64(); // unique enough to tell connections apart in any silo's compute pool
        _maxOverlongBytes = options.MaxOverlongBytes;
        _idle = new IdleTimer(options.IdleTimeout, () => Volatile.Read(ref _queued) == 0, transport.Input.CancelPendingRead);
        _transportClosed = transportClosed;
        _dispatcher = dispatcher;
        _maxLineLength = options.MaxLineLength;
        _abandoned = CancellationTokenSource.CreateLinkedTokenSource(drainDeadline);
        _pending = Channel.CreateBounded<ValueTask<Reply>>(new BoundedChannelOptions(options.MaxInFlightPerConnection)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Serves the connection until the client is done with it, or <paramref name="stopReading"/> (shutdown) asks it to finish what it has and close.</summary>
    public async Task RunAsync(CancellationToken stopReading)
    {
        Task writing = WritePendingAsync();
        try
        {
            using CancellationTokenRegistration _ = stopReading.UnsafeRegister(static input => ((PipeReader)input!).CancelPendingRead(), _transport.Input);
            await ReadRequestsAsync().ConfigureAwait(false);
        }
        catch
        {
            await _abandoned.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _pending.Writer.TryComplete();
            await writing.ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _idle.Dispose();
        _abandoned.Dispose();
    }

    private async Task ReadRequestsAsync()
    {
        PipeReader input = _transport.Input;
        PipeWriter output = _transport.Output;
        var framer = default(FramerState);
        bool inputEnded = false;
        long readSinceYield = 0;
        while (true)
        {
            ReadResult read = await input.ReadAsync().ConfigureAwait(false); // a reset throws here
            _idle.Touch();
            inputEnded |= read.IsCompleted;
            ReadOnlySequence<byte> buffer = read.Buffer;
            bool unflushed = false, readAgain = false;
            try
            {
                while (true)
                {
                    (ReadOnlySequence<byte> before, FramerState framerBefore) = (buffer, framer);
                    if (!RequestFramer.TryReadFrame(ref buffer, ref framer, _maxLineLength, out Frame frame))
                    {
                        break;
                    }

                    // Room first, work second: a request is not started while the connection has its limit in flight.
                    if (Volatile.Read(ref _queued) > 0)
                    {
                        bool? room = await WaitForRoomAsync(inputEnded).ConfigureAwait(false);
                        if (room is null)
                        {
                            // The client sent a FIN or a reset while this request waited: read again to learn which.
                            (buffer, framer, readAgain, inputEnded) = (before, framerBefore, true, true);
                            break;
                        }

                        if (room is false)
                        {
                            return; // the writer failed: the connection is gone
                        }
                    }

                    ValueTask<Reply> reply = _dispatcher.DispatchAsync(frame, _client, _abandoned.Token);
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
                    _pending.Writer.TryWrite(reply); // there is room: this is the only writer
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }

            if (unflushed && (await output.FlushAsync().ConfigureAwait(false)).IsCompleted)
            {
                await _abandoned.CancelAsync().ConfigureAwait(false);
                return;
            }

            if (framer.OverlongBytes > _maxOverlongBytes)
            {
                // A line that never ends is not worth reading on: it would only keep a socket thread busy.
                await SayGoodbyeAsync("too much bad input, closing").ConfigureAwait(false);
                return;
            }

            if (read.IsCanceled && _idle.Expired)
            {
                await SayGoodbyeAsync("idle timeout, closing").ConfigureAwait(false);
                return;
            }

            // Completed: the client half-closed (its pending requests are still answered). Canceled: shutdown.
            if (!readAgain && (read.IsCompleted || read.IsCanceled))
            {
                return;
            }

            // Bound one connection's turn on a socket thread: a client that streams as fast as the
            // network goes would otherwise keep that thread, and every connection it serves, to itself.
            if ((readSinceYield += read.Buffer.Length) > YieldAfterBytes)
            {
                readSinceYield = 0;
                await Task.Yield();
            }
        }
    }

    /// <summary>Queues a last <c>ERR</c> line after every pending answer; the connection closes once they are written.</summary>
    private async ValueTask SayGoodbyeAsync(string reason)
    {
        Reply goodbye = Reply.Fail(reason, Reply.BadRequest);
        if (Volatile.Read(ref _queued) == 0)
        {
            ReplyWriter.Write(_transport.Output, goodbye);
            await _transport.Output.FlushAsync().ConfigureAwait(false);
        }
        else if (await WaitForRoomAsync(inputEnded: true).ConfigureAwait(false) is true)
        {
            Interlocked.Increment(ref _queued);
            _pending.Writer.TryWrite(new ValueTask<Reply>(goodbye));
        }
    }

    /// <summary>True when there is room for one more request in flight, false when the writer has failed, null when the transport reported the client closed first.</summary>
    private async ValueTask<bool?> WaitForRoomAsync(bool inputEnded)
    {
        try
        {
            // Once the input has ended, only the writer can make room: nothing more to learn from the transport.
            return await _pending.Writer.WaitToWriteAsync(inputEnded ? CancellationToken.None : _transportClosed).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abandoned.IsCancellationRequested)
        {
            // The writer failed (its ConnectionAbortedException is an OperationCanceledException too) or
            // the drain deadline passed: reading on would find the same completed input again, forever.
            return false;
        }
        catch (OperationCanceledException) when (_transportClosed.IsCancellationRequested)
        {
            return null;
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
            // The output is gone: cancel the work and stop the reader (it may wait for room in the queue, or for input).
            await _abandoned.CancelAsync().ConfigureAwait(false);
            _pending.Writer.TryComplete(e);
            _transport.Input.CancelPendingRead();
            throw;
        }

        async ValueTask FlushAsync()
        {
            if ((await output.FlushAsync().ConfigureAwait(false)).IsCompleted)
            {
                throw new ConnectionAbortedException("The client stopped reading answers.");
            }

            Interlocked.Add(ref _queued, -unflushed);
            unflushed = 0;
        }
    }
}
