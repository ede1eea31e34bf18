using System.Diagnostics;
using Microsoft.Extensions.Options;
using OrleansFib.Grains;
using Polly;
using Polly.Hedging;
using Polly.Retry;

namespace OrleansFib.Gateway.Cluster;

/// <summary>
/// The gateway's <see cref="IFibGrain"/> in front of silos, like an Orleans cluster client: cheap
/// requests are answered locally, the rest go to the silo with the least outstanding cost. A call a
/// silo failed is retried on another (fib is pure, so nothing is lost or done twice that matters);
/// the failed silo is ejected for a back-off. Optionally, mid-cost calls are hedged on a second silo.
/// </summary>
internal sealed class ClusterFibGrain : IFibGrain
{
    private readonly FibGrain _local;
    private readonly SiloDirectory _directory;
    private readonly SiloClient _client;
    private readonly ClusterOptions _options;
    private readonly FibAlgorithm _algorithm;
    private readonly ILogger<ClusterFibGrain> _logger;
    private readonly ResiliencePipeline<FibNumber> _retry;
    private readonly ResiliencePipeline<FibNumber>? _hedge;
    private readonly GatewayMetrics? _metrics;

    public ClusterFibGrain(FibGrain local, SiloDirectory directory, SiloClient client, IOptions<ClusterOptions> options, IOptions<FibGrainOptions> grain,
        ILogger<ClusterFibGrain> logger, GatewayMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(grain);
        _local = local;
        _directory = directory;
        _client = client;
        _options = options.Value;
        _algorithm = grain.Value.Algorithm;
        _logger = logger;
        _metrics = metrics;
        var anotherSilo = new PredicateBuilder<FibNumber>().Handle<SiloCallException>();
        _retry = new ResiliencePipelineBuilder<FibNumber>()
            .AddRetry(new RetryStrategyOptions<FibNumber>
            {
                ShouldHandle = anotherSilo,
                MaxRetryAttempts = _options.MaxAttempts - 1,
                Delay = TimeSpan.Zero, // the next attempt goes to another silo: no reason to wait
                OnRetry = args => LogRetry(args.Outcome.Exception),
            })
            .Build();
        if (_options.HedgingDelay is { } delay && _options.MaxAttempts > 1)
        {
            _hedge = new ResiliencePipelineBuilder<FibNumber>()
                .AddHedging(new HedgingStrategyOptions<FibNumber>
                {
                    ShouldHandle = anotherSilo,
                    Delay = delay,
                    MaxHedgedAttempts = _options.MaxAttempts - 1,
                    OnHedging = _ =>
                    {
                        _metrics?.Hedged();
                        return default;
                    },
                })
                .Build();
        }
    }

    public ValueTask<FibNumber> ComputeAsync(FibRequest request, CancellationToken cancellationToken)
    {
        bool local = request.N <= _options.LocalMaxN || request.N < 0;
        _metrics?.Routed(local);
        return local ? _local.ComputeAsync(request, cancellationToken) : new ValueTask<FibNumber>(RemoteAsync(request, cancellationToken));
    }

    private async Task<FibNumber> RemoteAsync(FibRequest request, CancellationToken cancellationToken)
    {
        long cost = FibCost.Of(_algorithm, request.N);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.Timeout);
        var call = new SiloCall(request, cost, Stopwatch.GetTimestamp());
        ResiliencePipeline<FibNumber> pipeline = _hedge is not null && cost >= _options.HedgingMinCost && cost <= _options.HedgingMaxCost ? _hedge : _retry;
        try
        {
            return await pipeline.ExecuteAsync(static (state, token) => state.Grain.AttemptAsync(state.Call, token), (Grain: this, Call: call), deadline.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw FibException.TimedOut();
        }
        catch (SiloCallException e)
        {
            // Every silo tried failed; busy only if the last one was merely full.
            throw e.Kind == FibErrorKind.Busy ? FibException.Busy() : new FibException(FibErrorKind.Unavailable, "unavailable");
        }
    }

    private async ValueTask<FibNumber> AttemptAsync(SiloCall call, CancellationToken cancellationToken)
    {
        // No silo left is a failed attempt like any other: a hedge is simply not placed, a retry gives up.
        SiloMember silo = call.ReserveNext(_directory) ?? throw new SiloCallException(null, FibErrorKind.Unavailable, "no silo left to try");
        long started = Stopwatch.GetTimestamp();
        SiloReply reply;
        try
        {
            reply = await _client.CallAsync(silo, call.Request.N, call.Remaining, cancellationToken).ConfigureAwait(false);
        }
        catch (SiloCallException e) when (e.Kind != FibErrorKind.Busy)
        {
            GatewayLog.SiloEjected(_logger, silo.Authority, e.Message, silo.Eject(_options.Ejection, _options.MaxEjection));
            throw;
        }
        finally
        {
            silo.End(call.Cost);
            _metrics?.SiloCalled(silo.Authority, started);
        }

        silo.Succeeded(reply.Load);
        return reply.Value;
    }

    private ValueTask LogRetry(Exception? failure)
    {
        _metrics?.Retried();
        GatewayLog.Retrying(_logger, failure?.Message);
        return default;
    }

    /// <summary>One request's attempts: which silos it has tried, and how much of its deadline is left.</summary>
    private sealed class SiloCall(FibRequest request, long cost, long started)
    {
        private readonly List<SiloMember> _tried = [];

        public FibRequest Request { get; } = request;

        public long Cost { get; } = cost;

        public TimeSpan Remaining => Request.Timeout - Stopwatch.GetElapsedTime(started);

        // Hedged attempts run at once: the list is shared between them.
        public SiloMember? ReserveNext(SiloDirectory directory)
        {
            lock (_tried)
            {
                SiloMember? silo = directory.Reserve(_tried, Cost);
                if (silo is not null)
                {
                    _tried.Add(silo);
                }

                return silo;
            }
        }
    }
}
