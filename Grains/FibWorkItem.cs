namespace OrleansFib.Grains;

/// <summary>One queued request: its answer, its cost and client, and the caller's cancellation (gone, or past its deadline).</summary>
internal sealed class FibWorkItem : TaskCompletionSource<FibNumber>, IDisposable
{
    private CancellationTokenRegistration _registration;

    // Continuations run on the thread pool, never on a compute thread.
    public FibWorkItem(int n, long cost, long client, CancellationToken cancellationToken)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        N = n;
        Cost = cost;
        Client = client;
        Token = cancellationToken;
    }

    public int N { get; }

    public long Cost { get; }

    /// <summary>Whose request this is: the pool shares its workers fairly between clients.</summary>
    public long Client { get; }

    public CancellationToken Token { get; }

    /// <summary>Calls <paramref name="onCancelled"/> once if the caller cancels.</summary>
    public void Arm(Action<FibWorkItem> onCancelled) =>
        _registration = Token.UnsafeRegister(static (state, _) =>
        {
            var (item, callback) = ((FibWorkItem, Action<FibWorkItem>))state!;
            callback(item);
        }, (this, onCancelled));

    public void Cancel() => TrySetCanceled(Token);

    public void Dispose() => _registration.Dispose();
}
