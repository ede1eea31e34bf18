using System.Globalization;
using Microsoft.Extensions.Options;
using OrleansFib.Grains;

namespace OrleansFib.Silo;

/// <summary>Serves <see cref="FibSiloProtocol"/>: one grain call per HTTP/2 stream; a reset stream cancels the work.</summary>
internal sealed class FibCallEndpoint(FibGrain grain, FibWorkerPool pool, SiloState state, IOptions<SiloOptions> options, ILogger<FibCallEndpoint> logger)
{
    private readonly TimeSpan _defaultTimeout = options.Value.DefaultTimeout;

    public async Task HandleAsync(HttpContext context)
    {
        HttpResponse response = context.Response;
        if (state.Draining)
        {
            await RefuseAsync(response, FibErrorKind.Unavailable, "draining").ConfigureAwait(false);
            return;
        }

        int n = int.Parse((string)context.Request.RouteValues["n"]!, CultureInfo.InvariantCulture);
        try
        {
            FibNumber answer = await grain.ComputeAsync(new FibRequest(n, TimeoutOf(context.Request)), context.RequestAborted).ConfigureAwait(false);
            SetLoad(response);
            response.ContentType = FibSiloProtocol.ContentType;
            answer.WriteTo(response.BodyWriter);
        }
        catch (FibException e)
        {
            await RefuseAsync(response, e.Kind, e.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller reset the stream (its client left, or its deadline passed): the worker pool counted the cancellation.
        }
#pragma warning disable CA1031 // A failed call is answered and logged; the silo serves on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            SiloLog.CallFailed(logger, n, e);
            await RefuseAsync(response, FibErrorKind.Unavailable, "internal error").ConfigureAwait(false);
        }
    }

    private TimeSpan TimeoutOf(HttpRequest request) =>
        long.TryParse(request.Headers[FibSiloProtocol.TimeoutHeader], NumberStyles.None, CultureInfo.InvariantCulture, out long milliseconds)
            ? TimeSpan.FromMilliseconds(Math.Max(1, milliseconds))
            : _defaultTimeout;

    private void SetLoad(HttpResponse response) =>
        response.Headers[FibSiloProtocol.LoadHeader] = pool.Statistics.Load.ToString(CultureInfo.InvariantCulture);

    private async Task RefuseAsync(HttpResponse response, FibErrorKind kind, string reason)
    {
        response.StatusCode = (int)FibSiloProtocol.StatusFor(kind);
        SetLoad(response);
        response.ContentType = FibSiloProtocol.ContentType;
        await response.WriteAsync(reason).ConfigureAwait(false);
    }
}
