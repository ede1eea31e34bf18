using System.Diagnostics;

namespace OrleansFib.Gateway;

/// <summary>The gateway's trace source: one span per request that leaves the cheap lane, parent of the Orleans call spans.</summary>
internal static class GatewayTracing
{
    public static ActivitySource Source { get; } = new("OrleansFib.Gateway");
}
