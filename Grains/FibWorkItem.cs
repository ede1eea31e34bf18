namespace OrleansFib.Grains;

/// <summary>One queued request: its answer, its cost, and the cancellation that ends it (caller gone or timeout).</summary>
internal sealed class FibWorkItem : TaskCompletionSource<FibNumber>, IDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private readonly CancellationToken _callerToken;
    private CancellationTokenRegistration _registration;

    // Continuations run on the thread pool, never on a compute thread.
    public FibWorkItem(int n, long cost, long client, CancellationToken callerToken)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        N = n;
        Cost = cost;
        Client = client;
        _callerToken = callerToken;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
    }

    public int N { get; }

    public long Cost { get; }

    /// <summary>Whose request this is: the pool shares its workers fairly between clients.</summary>
    public long Client { get; }

    /// <summary>Cancelled when the caller is gone or the timeout passes.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>Starts the timeout and calls <paramref name="onCancelled"/> once if the item is cancelled.</summary>
    public void Arm(TimeSpan timeout, Action<FibWorkItem> onCancelled)
    {
        _registration = _cancellation.Token.UnsafeRegister(static (state, _) =>
        {
            var (item, callback) = ((FibWorkItem, Action<FibWorkItem>))state!;
            callback(item);
        }, (this, onCancelled));
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _cancellation.CancelAfter(timeout);
        }
    }

    /// <summary>Whether a cancellation of this item is its timeout rather than its caller leaving.</summary>
    public bool TimedOut => !_callerToken.IsCancellationRequested;

    /// <summary>Ends the item as cancelled: the caller's own cancellation if it left, otherwise <c>ERR timeout</c>.</summary>
    public void Cancel()
    {
        if (TimedOut)
        {
            TrySetException(FibException.TimedOut());
        }
        else
        {
            TrySetCanceled(_callerToken);
        }
    }

    public void Dispose()
    {
        _registration.Dispose();
        _cancellation.Dispose();
    }
}
