using System.Globalization;
using System.Net;

namespace OrleansFib.Grains;

/// <summary>
/// How <see cref="IFibGrain"/> travels between a gateway and a silo: HTTP/2 without TLS (h2c),
/// <c>GET /fib/{n}</c>, the answer's decimal digits as the body. Defined once, used by both sides.
/// </summary>
public static class FibSiloProtocol
{
    /// <summary>The route template the silo serves.</summary>
    public const string Route = "/fib/{n:int}";

    /// <summary>Request header: the milliseconds the caller still waits for the answer (its deadline, as gRPC's <c>grpc-timeout</c>).</summary>
    public const string TimeoutHeader = "Fib-Timeout-Ms";

    /// <summary>Reply header: the silo's outstanding work (queued and running cost) after this request, for balancing.</summary>
    public const string LoadHeader = "Fib-Load";

    public const string ContentType = "text/plain";

    public static string PathFor(int n) => "/fib/" + n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The status a silo answers for a refused request; the body is the exception's message.</summary>
    public static HttpStatusCode StatusFor(FibErrorKind kind) => kind switch
    {
        FibErrorKind.Invalid => HttpStatusCode.BadRequest,
        FibErrorKind.Busy => HttpStatusCode.TooManyRequests,
        FibErrorKind.Timeout => HttpStatusCode.GatewayTimeout,
        _ => HttpStatusCode.ServiceUnavailable,
    };

    /// <summary>What a non-success status means to the caller; <see cref="FibErrorKind.Unavailable"/> (draining, or anything unexpected) means "try another silo".</summary>
    public static FibErrorKind KindFor(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => FibErrorKind.Invalid,
        HttpStatusCode.TooManyRequests => FibErrorKind.Busy,
        HttpStatusCode.GatewayTimeout => FibErrorKind.Timeout,
        _ => FibErrorKind.Unavailable,
    };
}
