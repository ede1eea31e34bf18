using System.IO.Pipelines;

namespace OrleansFib.Gateway;

/// <summary>
/// Closes a connection that has sent nothing and waits for no answer for <c>timeout</c>, so that slow
/// or silent clients (slowloris) do not hold connection slots for ever. Reads only stamp a time; the
/// timer wakes once per timeout to compare.
/// </summary>
/// <remarks>It holds the session's parts rather than delegates to them: every idle connection has one.</remarks>
internal sealed class IdleTimer : IDisposable
{
    private readonly Timer _timer;
    private readonly long _timeoutMilliseconds;
    private readonly OrderedReplyWriter _replies;
    private readonly PipeReader _input;
    private long _lastRead = Environment.TickCount64;
    private volatile bool _expired;

    /// <summary>When the time is up and <paramref name="replies"/> has nothing pending, the pending read of <paramref name="input"/> is cancelled.</summary>
    public IdleTimer(TimeSpan timeout, OrderedReplyWriter replies, PipeReader input)
    {
        _timeoutMilliseconds = (long)timeout.TotalMilliseconds;
        _replies = replies;
        _input = input;
        _timer = new Timer(static timer => ((IdleTimer)timer!).Check(), this, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The connection was closed for being idle.</summary>
    public bool Expired => _expired;

    public void Touch() => Volatile.Write(ref _lastRead, Environment.TickCount64);

    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        long idleFor = Environment.TickCount64 - Volatile.Read(ref _lastRead);
        if (idleFor >= _timeoutMilliseconds && _replies.IsIdle)
        {
            _expired = true;
            _input.CancelPendingRead();
            return;
        }

        // Still waiting for an answer counts as activity: look again a whole timeout later.
        long next = idleFor >= _timeoutMilliseconds ? _timeoutMilliseconds : _timeoutMilliseconds - idleFor;
        _timer.Change(TimeSpan.FromMilliseconds(next), Timeout.InfiniteTimeSpan);
    }
}
