using System.IO.Pipelines;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using OrleansFib.Gateway.Protocol;
using OrleansFib.Grains;

namespace OrleansFib.Gateway;

/// <summary>
/// Writes one connection's replies in request order, with at most a fixed number pending (the
/// connection's in-flight limit: back-pressure comes from the bounded channel itself).
/// </summary>
/// <remarks>
/// The output has one owner at a time. While nothing is pending, the caller owns it: a reply that is
/// ready is written at once, with no queue and no thread hop (the common case, a cheap request). Once
/// something is pending, the writer task owns it: it writes pending replies in order and takes the
/// last one out of the channel only after flushing it, so an empty channel means the output is free.
/// The channel and the writer task are made at the first reply that is not ready: most connections
/// never have one, and an idle connection should hold as little as it can (a thousand bytes less each).
/// </remarks>
internal sealed class OrderedReplyWriter
{
    private readonly PipeWriter _output;
    private readonly int _maxPending;
    private readonly Action _onFailed;
    private Channel<ValueTask<FibReply>>? _pending;
    private Task _writing = Task.CompletedTask;
    private volatile bool _failed;
    private bool _unflushed;

    /// <summary><paramref name="onFailed"/> is called once if the output is gone (the caller cancels its work and stops reading).</summary>
    public OrderedReplyWriter(PipeWriter output, int maxPending, Action onFailed)
    {
        _output = output;
        _maxPending = maxPending;
        _onFailed = onFailed;
    }

    /// <summary>Nothing is pending: every reply so far has been written.</summary>
    public bool IsIdle => _pending is not { } pending || pending.Reader.Count == 0;

    /// <summary>
    /// Waits until one more reply may be pending. False when the output is gone; throws
    /// <see cref="OperationCanceledException"/> when <paramref name="interrupt"/> fires first.
    /// </summary>
    public async ValueTask<bool> WaitForRoomAsync(CancellationToken interrupt)
    {
        if (_pending is not { } pending)
        {
            return true; // nothing was ever pending, so nothing has failed either
        }

        try
        {
            return await pending.Writer.WaitToWriteAsync(interrupt).ConfigureAwait(false) && !_failed;
        }
        catch (Exception) when (_failed)
        {
            return false; // the channel was completed with the writer's failure
        }
    }

    /// <summary>Adds the next reply, after <see cref="WaitForRoomAsync"/> said there is room: written now if it is ready and nothing is pending, else queued.</summary>
    public async ValueTask AddAsync(ValueTask<FibReply> reply)
    {
        if (reply.IsCompletedSuccessfully && IsIdle)
        {
            ReplyWriter.Write(_output, reply.Result);
            _unflushed = true;
            return;
        }

        // What the caller wrote goes out before the writer takes the output.
        await FlushAsync().ConfigureAwait(false);
        (_pending ??= StartWriter()).Writer.TryWrite(reply);
    }

    /// <summary>Sends what the caller wrote itself. False when the client is gone.</summary>
    public async ValueTask<bool> FlushAsync()
    {
        if (!_unflushed)
        {
            return true;
        }

        _unflushed = false;
        return !(await _output.FlushAsync().ConfigureAwait(false)).IsCompleted;
    }

    /// <summary>No more replies: the pending ones are written, then the returned task ends (faulted if the output failed).</summary>
    public Task CompleteAsync()
    {
        _pending?.Writer.TryComplete();
        return _writing;
    }

    private Channel<ValueTask<FibReply>> StartWriter()
    {
        Channel<ValueTask<FibReply>> channel = Channel.CreateBounded<ValueTask<FibReply>>(new BoundedChannelOptions(_maxPending)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writing = WritePendingAsync(channel);
        return channel;
    }

    private async Task WritePendingAsync(Channel<ValueTask<FibReply>> channel)
    {
        ChannelReader<ValueTask<FibReply>> pending = channel.Reader;
        bool unflushed = false;
        try
        {
            while (await pending.WaitToReadAsync().ConfigureAwait(false))
            {
                // Peeked, not read: a reply keeps its place (and the output stays the writer's) until it is written.
                while (pending.TryPeek(out ValueTask<FibReply> next))
                {
                    if (!next.IsCompleted && unflushed)
                    {
                        // Answers that are ready go out before waiting on a slow one.
                        await FlushOrThrowAsync().ConfigureAwait(false);
                        unflushed = false;
                    }

                    ReplyWriter.Write(_output, await next.ConfigureAwait(false));
                    unflushed = true;
                    if (pending.Count > 1)
                    {
                        pending.TryRead(out _); // the next reply keeps the output the writer's
                        continue;
                    }

                    await FlushOrThrowAsync().ConfigureAwait(false);
                    unflushed = false;
                    pending.TryRead(out _); // empty now: the output is the caller's again
                }
            }
        }
        catch (Exception e)
        {
            _failed = true;
            _onFailed();
            channel.Writer.TryComplete(e);
            throw;
        }
    }

    private async ValueTask FlushOrThrowAsync()
    {
        if ((await _output.FlushAsync().ConfigureAwait(false)).IsCompleted)
        {
            throw new ConnectionAbortedException("The client stopped reading answers.");
        }
    }
}
