using Microsoft.Extensions.Options;
using OrleansFib.Gateway.Protocol;
using OrleansFib.Grains;

namespace OrleansFib.Gateway;

/// <summary>Turns one request line into a grain call and the grain's outcome into a <see cref="Reply"/>; never throws.</summary>
internal sealed class RequestDispatcher
{
    private readonly IFibGrain _grain;
    private readonly TimeSpan _timeout;
    private readonly ILogger<RequestDispatcher> _logger;

    public RequestDispatcher(IFibGrain grain, IOptions<GatewayOptions> options, ILogger<RequestDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _grain = grain;
        _timeout = options.Value.RequestTimeout;
        _logger = logger;
    }

    /// <summary>Answers one frame; <paramref name="clientGone"/> cancels the work and makes the reply <see cref="Reply.None"/>.</summary>
    public ValueTask<Reply> DispatchAsync(in Frame frame, CancellationToken clientGone)
    {
        if (frame.TooLong)
        {
            return ValueTask.FromResult(Reply.Fail("line too long"));
        }

        ParsedRequest request = RequestParser.Parse(frame.Line);
        return request.Error is { } error
            ? ValueTask.FromResult(Reply.Fail(error))
            : ComputeAsync(request.N, clientGone);
    }

    private async ValueTask<Reply> ComputeAsync(int n, CancellationToken clientGone)
    {
        try
        {
            return Reply.Ok(await _grain.ComputeAsync(new FibRequest(n, _timeout), clientGone).ConfigureAwait(false));
        }
        catch (FibException e)
        {
            return Reply.Fail(e.Message);
        }
        catch (OperationCanceledException) when (clientGone.IsCancellationRequested)
        {
            return Reply.None;
        }
#pragma warning disable CA1031 // One failed request must not take the connection down: it is logged and answered.
        catch (Exception e)
#pragma warning restore CA1031
        {
            GatewayLog.RequestFailed(_logger, n, e);
            return Reply.Fail("internal error");
        }
    }
}
