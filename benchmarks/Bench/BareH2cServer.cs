using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansFib.Bench;

/// <summary>
/// The baseline a service-to-service hop is measured against: a bare Kestrel HTTP/2 server without TLS
/// (h2c), answering <c>GET /fib/N</c> with the line protocol's answer from a table, so that a request
/// costs HTTP/2 and nothing else.
/// </summary>
public static class BareH2cServer
{
    /// <summary>Above this the answer is refused: the baseline measures the transport, not arithmetic.</summary>
    public const int MaxN = 100;

    /// <summary>Serves until <paramref name="cancellationToken"/> fires or the process is asked to stop.</summary>
    public static async Task RunAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        await using WebApplication app = await StartAsync(address, port, cancellationToken).ConfigureAwait(false);
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts serving; <paramref name="port"/> 0 takes a free one (<see cref="WebApplication.Urls"/> says which).</summary>
    public static async Task<WebApplication> StartAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http2);
        });
        WebApplication app = builder.Build();
        app.MapGet("/fib/{n:int}", (int n) => n is >= 0 and <= MaxN
            ? Results.Bytes(ExpectedAnswers.For(n), "text/plain")
            : Results.BadRequest($"n must be 0 to {MaxN}"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return app;
    }
}
