using System.Diagnostics;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;
using OrleansFib.Grains;
using Polly;
using Polly.Retry;

namespace OrleansFib.Gateway.Routing;

/// <summary>
/// Where a request is computed, and what happens when a silo fails. Cheap requests are answered in the
/// gateway; the rest go to the silo with the least outstanding cost, through this gateway's FibGrain key
/// pinned to that silo. A call that a silo fails, or does not answer within its call deadline, is
/// cancelled (the cancellation reaches the grain) and retried on another silo: fib is pure.
/// </summary>
internal sealed class FibRouter
{
    private readonly FibCompute _local;
    private readonly IGrainFactory _grains;
    private readonly RoutingTable _table;
    private readonly RoutingOptions _options;
    private readonly FibAlgorithm _algorithm;
    private readonly ILogger<FibRouter> _logger;
    private readonly ResiliencePipeline<FibReply> _retry;
    private readonly GatewayMetrics _metrics;

    public FibRouter(FibCompute local, IGrainFactory grains, RoutingTable table, IOptions<RoutingOptions> options, IOptions<FibGrainOptions> grain,
        GatewayMetrics metrics, ILogger<FibRouter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(grain);
        _local = local;
        _grains = grains;
        _table = table;
        _options = options.Value;
        _algorithm = grain.Value.Algorithm;
        _logger = logger;
        _metrics = metrics;
        _retry = new ResiliencePipelineBuilder<FibReply>()
            .AddRetry(new RetryStrategyOptions<FibReply>
            {
                ShouldHandle = new PredicateBuilder<FibReply>().Handle<SiloCallException>(),
                MaxRetryAttempts = _options.MaxAttempts - 1,
                Delay = TimeSpan.Zero, // the next attempt goes to another silo: no reason to wait
                OnRetry = args => LogRetry(args.Outcome.Exception),
            })
            .Build();
    }

    /// <summary>Whether the request is answered in the gateway, on the caller's thread, in microseconds.</summary>
    public bool AnswersAtOnce(int n) => n <= _options.LocalMaxN && _local.IsInline(n);

    /// <summary>Answers a request for which <see cref="AnswersAtOnce"/> is true.</summary>
    public FibReply ComputeAtOnce(FibRequest request)
    {
        _metrics.Routed(local: true);
        return FibReply.Answer(_local.ComputeInline(request.N));
    }

    /// <summary>Answers <paramref name="request"/>; <paramref name="cancellation"/> (the client gone, or its deadline) stops it wherever it runs, and then this throws <see cref="OperationCanceledException"/>.</summary>
    public async ValueTask<FibReply> ComputeAsync(FibRequest request, CancellationToken cancellation)
    {
        bool local = request.N <= _options.LocalMaxN;
        _metrics.Routed(local);
        try
        {
            return local
                ? FibReply.Answer(await _local.ComputeAsync(request, cancellation).ConfigureAwait(false))
                : await RemoteAsync(request, cancellation).ConfigureAwait(false);
        }
        catch (FibException e)
        {
            return e.Reply;
        }
    }

    private async Task<FibReply> RemoteAsync(FibRequest request, CancellationToken cancellation)
    {
        var call = new SiloCall(request, FibCost.Of(_algorithm, request.N));
        try
        {
            return await _retry.ExecuteAsync(static (state, token) => state.Router.AttemptAsync(state.Call, token), (Router: this, Call: call), cancellation)
                .ConfigureAwait(false);
        }
        catch (SiloCallException e)
        {
            // Every silo tried failed; busy only if the last one was merely full.
            return e.Outcome == FibOutcome.Busy ? FibReply.Busy : FibReply.Unavailable;
        }
    }

    private async ValueTask<FibReply> AttemptAsync(SiloCall call, CancellationToken requestToken)
    {
        // No silo left is a failed attempt like any other: the retry gives up.
        SiloMember silo = call.ReserveNext(_table) ?? throw new SiloCallException(null, FibOutcome.Unavailable, "no silo left to try");
        long started = Stopwatch.GetTimestamp();
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(requestToken);
        attempt.CancelAfter(_options.CallTimeout + TimeSpan.FromTicks(Math.Min(silo.InFlightCost / 100, TimeSpan.FromHours(1).Ticks)));
        FibReply reply;
        try
        {
            // Pins the key's activation to the chosen silo: honoured when the key is placed, harmless after.
            RequestContext.Set(IPlacementDirector.PlacementHintKey, silo.Address);
            reply = await silo.Grain(_grains).ComputeAsync(call.Request, attempt.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!requestToken.IsCancellationRequested)
        {
            // The silo failed, left, or did not answer within the call deadline: eject it and try another.
            throw Ejected(silo, e is OperationCanceledException ? "no answer within the call deadline" : e.Message, e);
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            silo.End(call.Cost);
            _metrics.SiloCalled(silo.Authority, started);
        }

        switch (reply.Outcome)
        {
            case FibOutcome.Unavailable:
                throw Ejected(silo, reply.Reason ?? "unavailable", null);
            case FibOutcome.Busy:
                throw new SiloCallException(silo.Authority, FibOutcome.Busy, "busy");
            default:
                silo.Succeeded();
                return reply;
        }
    }

    private SiloCallException Ejected(SiloMember silo, string reason, Exception? cause)
    {
        GatewayLog.SiloEjected(_logger, silo.Authority, reason, silo.Eject(_options.Ejection, _options.MaxEjection));
        return new SiloCallException(silo.Authority, FibOutcome.Unavailable, reason, cause);
    }

    private ValueTask LogRetry(Exception? failure)
    {
        _metrics.Retried();
        GatewayLog.Retrying(_logger, failure?.Message);
        return default;
    }

    /// <summary>One request's attempts: which silos it has tried.</summary>
    private sealed class SiloCall(FibRequest request, long cost)
    {
        private readonly List<SiloMember> _tried = [];

        public FibRequest Request { get; } = request;

        public long Cost { get; } = cost;

        public SiloMember? ReserveNext(RoutingTable table)
        {
            SiloMember? silo = table.Reserve(_tried, Cost);
            if (silo is not null)
            {
                _tried.Add(silo);
            }

            return silo;
        }
    }
}
