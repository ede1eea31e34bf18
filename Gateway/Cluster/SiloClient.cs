using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using OrleansFib.Grains;

namespace OrleansFib.Gateway.Cluster;

/// <summary>
/// Calls silos over HTTP/2 without TLS: one pooled, multiplexed connection per silo (more only when
/// its stream limit is reached). Keep-alive pings find connections whose silo vanished without a reset.
/// </summary>
public sealed class SiloClient : IDisposable
{
    private readonly HttpMessageInvoker _invoker;

    public SiloClient(IOptions<ClusterOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ClusterOptions cluster = options.Value;
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = cluster.ConnectTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            KeepAlivePingDelay = cluster.KeepAliveTimeout,
            KeepAlivePingTimeout = cluster.KeepAliveTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        });
    }

    /// <summary>Computes F(<paramref name="n"/>) on <paramref name="silo"/>, which has <paramref name="timeout"/> to answer.</summary>
    /// <exception cref="SiloCallException">The silo is down, draining or busy: another may serve the call.</exception>
    /// <exception cref="FibException">The silo refused the request itself (invalid, timeout).</exception>
    public async Task<SiloReply> CallAsync(SiloMember silo, int n, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(silo.BaseUri, FibSiloProtocol.PathFor(n)))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation(FibSiloProtocol.TimeoutHeader, ((long)Math.Ceiling(timeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture));
        try
        {
            using HttpResponseMessage response = await _invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            long? load = LoadOf(response.Headers);
            if (response.IsSuccessStatusCode)
            {
                return new SiloReply(FibNumber.Parse(body), load);
            }

            FibErrorKind kind = FibSiloProtocol.KindFor(response.StatusCode);
            string reason = Encoding.ASCII.GetString(body);
            throw kind is FibErrorKind.Busy or FibErrorKind.Unavailable
                ? new SiloCallException(silo.Authority, kind, $"{(int)response.StatusCode} {reason}")
                : new FibException(kind, reason);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or FormatException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Refused, reset, dead connection, garbled answer, or a connect timeout: this silo, not the request.
            throw new SiloCallException(silo.Authority, FibErrorKind.Unavailable, e.Message, e);
        }
    }

    public void Dispose() => _invoker.Dispose();

    private static long? LoadOf(HttpResponseHeaders headers) =>
        headers.TryGetValues(FibSiloProtocol.LoadHeader, out IEnumerable<string>? values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out long load)
            ? load
            : null;
}
