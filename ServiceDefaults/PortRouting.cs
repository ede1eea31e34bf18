using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrleansFib.Hosting;

/// <summary>
/// Keeps each port to its own paths: the operations port (health, stats, metrics) serves nothing
/// else, so a NetworkPolicy that opens it to the kubelet does not open the service behind it.
/// </summary>
public static class PortRouting
{
    public static IApplicationBuilder UseOperationsPort(this IApplicationBuilder app, BoundEndpoint operations, params string[] operationsPaths)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return app.Use(async (context, next) =>
        {
            bool onOperationsPort = context.Connection.LocalPort == operations.Port;
            bool operationsPath = operationsPaths.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.Ordinal));
            if (onOperationsPort != operationsPath)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context).ConfigureAwait(false);
        });
    }
}
