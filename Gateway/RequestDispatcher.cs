using System.Diagnostics;
using Microsoft.Extensions.Options;
using OrleansFib.Gateway.Routing;
using OrleansFib.Gateway.Protocol;
using OrleansFib.Grains;

namespace OrleansFib.Gateway;

/// <summary>
/// Where a request enters: the line is parsed and n checked against the limit, once; the request's
/// deadline is armed, once, as the token that travels with the work wherever it runs. Never throws.
/// </summary>
internal sealed class RequestDispatcher
{
    private readonly FibRouter _router;
    private readonly TimeSpan _timeout;
    private readonly int _maxN;
    private readonly ILogger<RequestDispatcher> _logger;
    private readonly GatewayMetrics _metrics;

    public RequestDispatcher(FibRouter router, IOptions<GatewayOptions> options, IOptions<FibGrainOptions> grain, GatewayMetrics metrics, ILogger<RequestDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(grain);
        _router = router;
        _timeout = options.Value.RequestTimeout;
        _maxN = grain.Value.EffectiveMaxN;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>Answers one frame of connection <paramref name="client"/>; <paramref name="clientGone"/> cancels the work and makes the reply <see cref="FibReply.Cancelled"/>.</summary>
    public ValueTask<FibReply> DispatchAsync(in Frame frame, long client, CancellationToken clientGone)
    {
        long started = Stopwatch.GetTimestamp();
        if (frame.TooLong)
        {
            return new(Counted(FibReply.BadRequest("line too long"), started));
        }

        ParsedRequest parsed = RequestParser.Parse(frame.Line);
        if (parsed.Error is { } error)
        {
            return new(Counted(FibReply.BadRequest(error), started));
        }

        if (parsed.N > _maxN)
        {
            return new(Counted(FibReply.LimitExceeded(parsed.N, _maxN), started));
        }

        var request = new FibRequest(parsed.N, client);

        // Cheap requests are answered at once, on this thread: no deadline to arm, nothing to allocate.
        return _router.AnswersAtOnce(request.N)
            ? new(Counted(_router.ComputeAtOnce(request), started))
            : ComputeAsync(request, started, clientGone);
    }

    private async ValueTask<FibReply> ComputeAsync(FibRequest request, long started, CancellationToken clientGone)
    {
        using Activity? activity = GatewayTracing.Source.StartActivity("fib");
        activity?.SetTag("fib.n", request.N);
        FibReply reply;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(clientGone);
        deadline.CancelAfter(_timeout);
        try
        {
            reply = await _router.ComputeAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            reply = clientGone.IsCancellationRequested ? FibReply.Cancelled : FibReply.TimedOut;
        }
#pragma warning disable CA1031 // One failed request must not take the connection down: it is logged and answered.
        catch (Exception e)
#pragma warning restore CA1031
        {
            GatewayLog.RequestFailed(_logger, request.N, e);
            reply = FibReply.Internal;
        }

        activity?.SetTag("fib.outcome", FibOutcomeLabel.Of(reply.Outcome));
        return Counted(reply, started);
    }

    private FibReply Counted(FibReply reply, long started)
    {
        _metrics.Answered(reply.Outcome, started);
        return reply;
    }
}
