using System.Diagnostics;
using Microsoft.Extensions.Options;
using OrleansFib.Gateway.Cluster;
using OrleansFib.Gateway.Protocol;
using OrleansFib.Grains;

namespace OrleansFib.Gateway;

/// <summary>Turns one request line into a grain call and the grain's outcome into a <see cref="Reply"/>; never throws.</summary>
internal sealed class RequestDispatcher
{
    private readonly FibRouter _router;
    private readonly TimeSpan _timeout;
    private readonly ILogger<RequestDispatcher> _logger;
    private readonly GatewayMetrics? _metrics;

    public RequestDispatcher(FibRouter router, IOptions<GatewayOptions> options, ILogger<RequestDispatcher> logger, GatewayMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _router = router;
        _timeout = options.Value.RequestTimeout;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>Answers one frame of connection <paramref name="client"/>; <paramref name="clientGone"/> cancels the work and makes the reply <see cref="Reply.None"/>.</summary>
    public ValueTask<Reply> DispatchAsync(in Frame frame, long client, CancellationToken clientGone)
    {
        long started = Stopwatch.GetTimestamp();
        if (frame.TooLong)
        {
            return ValueTask.FromResult(Answered(Reply.Fail("line too long", Reply.BadRequest), started));
        }

        ParsedRequest request = RequestParser.Parse(frame.Line);
        return request.Error is { } error
            ? ValueTask.FromResult(Answered(Reply.Fail(error, Reply.BadRequest), started))
            : ComputeAsync(new FibRequest(request.N, _timeout, client), started, clientGone);
    }

    private async ValueTask<Reply> ComputeAsync(FibRequest request, long started, CancellationToken clientGone)
    {
        Reply reply;
        try
        {
            FibReply answer = await _router.ComputeAsync(request, clientGone).ConfigureAwait(false);
            reply = answer.Error is { } error ? Reply.Fail(answer.Reason ?? "unavailable", Reply.OutcomeOf(error)) : Reply.Answer(answer.Value);
        }
        catch (OperationCanceledException) when (clientGone.IsCancellationRequested)
        {
            reply = Reply.None;
        }
#pragma warning disable CA1031 // One failed request must not take the connection down: it is logged and answered.
        catch (Exception e)
#pragma warning restore CA1031
        {
            GatewayLog.RequestFailed(_logger, request.N, e);
            reply = Reply.Fail("internal error", "internal");
        }

        return Answered(reply, started);
    }

    private Reply Answered(Reply reply, long started)
    {
        _metrics?.Answered(reply.Outcome, started);
        return reply;
    }
}
