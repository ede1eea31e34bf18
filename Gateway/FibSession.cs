using System.Buffers;
using System.IO.Pipelines;
using OrleansFib.Gateway.Protocol;
using OrleansFib.Grains;

namespace OrleansFib.Gateway;

/// <summary>
/// One connection: read, frame, dispatch, advance. Replies go to an <see cref="OrderedReplyWriter"/>,
/// which answers in order with at most <see cref="GatewayOptions.MaxInFlightPerConnection"/> requests
/// in flight; past that the connection is not read (TCP pushes back on the client).
/// </summary>
/// <remarks>
/// A client that half-closes (<c>nc -N</c>, ncat) has said it sends no more, not that it stopped
/// listening: its requests are still answered, then the connection is closed. Work is cancelled when
/// the connection is really gone: a reset, an answer that cannot be written, or the drain deadline.
/// </remarks>
internal sealed class FibSession : IDisposable
{
    /// <summary>Input read in one go before the session gives its socket thread to other connections.</summary>
    private const int YieldAfterBytes = 64 * 1024;

    private readonly IDuplexPipe _transport;
    private readonly RequestDispatcher _dispatcher;
    private readonly int _maxLineLength;
    private readonly long _maxOverlongBytes;
    private readonly long _client;
    private readonly CancellationTokenSource _abandoned;
    private readonly CancellationToken _transportClosed;
    private readonly OrderedReplyWriter _replies;
    private readonly IdleTimer _idle;

    // transportClosed: Kestrel's ConnectionClosed, which fires for a FIN as well as a reset.
    public FibSession(IDuplexPipe transport, RequestDispatcher dispatcher, GatewayOptions options, CancellationToken transportClosed, CancellationToken drainDeadline)
    {
        ArgumentNullException.ThrowIfNull(options);
        _transport = transport;
        _dispatcher = dispatcher;
        _maxLineLength = options.MaxLineLength;
        _maxOverlongBytes = options.MaxOverlongBytes;
        _client = Random.Shared.NextInt64(); // unique enough to tell connections apart in any silo's compute pool
        _transportClosed = transportClosed;
        _abandoned = CancellationTokenSource.CreateLinkedTokenSource(drainDeadline);
        _replies = new OrderedReplyWriter(transport.Output, options.MaxInFlightPerConnection, Abandon);
        _idle = new IdleTimer(options.IdleTimeout, _replies, transport.Input);
    }

    /// <summary>Serves the connection until the client is done with it, or <paramref name="stopReading"/> (shutdown) asks it to finish what it has and close.</summary>
    /// <remarks>One method, not a loop called from here: each awaiting method keeps a state machine per idle connection.</remarks>
    public async Task RunAsync(CancellationToken stopReading)
    {
        try
        {
            using CancellationTokenRegistration _ = stopReading.UnsafeRegister(static input => ((PipeReader)input!).CancelPendingRead(), _transport.Input);
            PipeReader input = _transport.Input;
            var framer = default(FramerState);
            long readSinceYield = 0;
            while (true)
            {
                // stopReading cancels the pending read (IsCanceled), so that what was read is still answered; a reset throws here.
                ReadResult read = await input.ReadAsync(CancellationToken.None).ConfigureAwait(false);
                _idle.Touch();
                ReadOnlySequence<byte> buffer = read.Buffer;
                bool interrupted = false;
                try
                {
                    while (!buffer.IsEmpty)
                    {
                        // Room first, work second: nothing is framed while the connection has its limit in flight.
                        // Until the input ends, a FIN or a reset interrupts the wait: reading again tells which.
                        try
                        {
                            if (!await _replies.WaitForRoomAsync(read.IsCompleted ? CancellationToken.None : _transportClosed).ConfigureAwait(false))
                            {
                                return; // the output is gone
                            }
                        }
                        catch (OperationCanceledException) when (_transportClosed.IsCancellationRequested)
                        {
                            interrupted = true;
                            break;
                        }

                        if (!RequestFramer.TryReadFrame(ref buffer, ref framer, _maxLineLength, out Frame frame))
                        {
                            break;
                        }

                        await _replies.AddAsync(_dispatcher.DispatchAsync(frame, _client, _abandoned.Token)).ConfigureAwait(false);
                    }
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }

                if (!await _replies.FlushAsync().ConfigureAwait(false))
                {
                    Abandon();
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
                if ((read.IsCompleted && !interrupted) || read.IsCanceled)
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
        catch
        {
            await _abandoned.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            await _replies.CompleteAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _idle.Dispose();
        _abandoned.Dispose();
    }

    /// <summary>A last <c>ERR</c> line after every pending answer; the connection closes once they are written.</summary>
    private async ValueTask SayGoodbyeAsync(string reason)
    {
        if (await _replies.WaitForRoomAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await _replies.AddAsync(new ValueTask<FibReply>(FibReply.BadRequest(reason))).ConfigureAwait(false);
            await _replies.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The client is gone: its work is cancelled and the reader stops.</summary>
    private void Abandon()
    {
        _abandoned.Cancel();
        _transport.Input.CancelPendingRead();
    }
}
