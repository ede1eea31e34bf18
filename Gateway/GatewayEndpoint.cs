using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace OrleansFib.Gateway;

/// <summary>The line-protocol endpoint Kestrel bound: after start, its real port even when 0 was asked for.</summary>
public sealed class GatewayEndpoint
{
    internal ListenOptions? Listen { get; set; }

    public EndPoint EndPoint => Listen?.EndPoint ?? throw new InvalidOperationException("The gateway has not been bound yet.");

    public int Port => ((IPEndPoint)EndPoint).Port;
}
