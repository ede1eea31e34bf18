using Orleans.Concurrency;

namespace OrleansFib.Grains;

/// <summary>
/// The stateless worker. Its turn only hands the request to the silo's compute pool and awaits it, so
/// Orleans' scheduler threads never run fib. One activation per key and silo
/// (<c>[StatelessWorker(1)]</c>), reentrant so it serves every call of its key at once: a client's
/// cancellation is addressed by grain id and must find the activation that runs the call.
/// </summary>
[StatelessWorker(1)]
[Reentrant]
public sealed class FibGrain(FibCompute compute, ILocalSiloDetails silo) : Grain, IFibGrain
{
    public ValueTask<SiloAddress> GetSiloAsync() => ValueTask.FromResult(silo.SiloAddress);

    public async ValueTask<FibReply> ComputeAsync(FibRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return FibReply.Answer(await compute.ComputeAsync(request, cancellationToken).ConfigureAwait(true));
        }
        catch (FibException e)
        {
            return e.Reply;
        }
    }
}
