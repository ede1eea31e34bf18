using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OrleansFib.Hosting;

namespace OrleansFib.Tests.Support;

/// <summary>The ports an in-process host bound (they were asked for as 0).</summary>
internal static class HostPorts
{
    public static int PortOf(this WebApplication app, string endpoint) => app.Services.GetRequiredKeyedService<BoundEndpoint>(endpoint).Port;
}
