using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OrleansFib.Hosting;

namespace OrleansFib.Tests.Support;

/// <summary>The ports an in-process host bound (they were asked for as 0).</summary>
internal static class HostPorts
{
    public static int PortOf(this WebApplication app, string endpoint) => app.Services.GetRequiredKeyedService<BoundEndpoint>(endpoint).Port;

    /// <summary>A loopback TCP port free right now, for programs that cannot take port 0 (an Orleans silo advertises its port).</summary>
    public static int Free()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
