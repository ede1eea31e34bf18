namespace OrleansFib.Gateway;

/// <summary>
/// Closes a connection that has sent nothing and waits for no answer for <c>timeout</c>, so that slow
/// or silent clients (slowloris) do not hold connection slots for ever. Reads only stamp a time; the
/// timer wakes once per timeout to compare.
/// </summary>
internal sealed class IdleTimer : IDisposable
{
    private readonly ITimer _timer;
    private readonly long _timeoutMilliseconds;
    private readonly Func<bool> _nothingPending;
    private readonly Action _close;
    private long _lastRead = Environment.TickCount64;
    private volatile bool _expired;

    public IdleTimer(TimeSpan timeout, Func<bool> nothingPending, Action close)
    {
        _timeoutMilliseconds = (long)timeout.TotalMilliseconds;
        _nothingPending = nothingPending;
        _close = close;
        _timer = TimeProvider.System.CreateTimer(static timer => ((IdleTimer)timer!).Check(), this, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The connection was closed for being idle.</summary>
    public bool Expired => _expired;

    public void Touch() => Volatile.Write(ref _lastRead, Environment.TickCount64);

    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        long idleFor = Environment.TickCount64 - Volatile.Read(ref _lastRead);
        if (idleFor >= _timeoutMilliseconds && _nothingPending())
        {
            _expired = true;
            _close();
            return;
        }

        // Still waiting for an answer counts as activity: look again a whole timeout later.
        long next = idleFor >= _timeoutMilliseconds ? _timeoutMilliseconds : _timeoutMilliseconds - idleFor;
        _timer.Change(TimeSpan.FromMilliseconds(next), Timeout.InfiniteTimeSpan);
    }
}
