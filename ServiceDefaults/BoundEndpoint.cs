using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace OrleansFib.Hosting;

/// <summary>One endpoint Kestrel bound: after start, its real address and port even when port 0 was asked for.</summary>
public sealed class BoundEndpoint
{
    public ListenOptions? Listen { get; set; }

    public EndPoint EndPoint => Listen?.EndPoint ?? throw new InvalidOperationException("The endpoint has not been bound yet.");

    public int Port => ((IPEndPoint)EndPoint).Port;

    public bool IsBound => Listen is not null;
}
