using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace OrleansFib.Hosting;

/// <summary>Binds Kestrel endpoints from validated options and remembers them, so the real port of port 0 can be read and logged.</summary>
public static class KestrelListening
{
    /// <summary>The address forms every host accepts: <c>*</c> (all interfaces, IPv4 and IPv6) or an IP address.</summary>
    public static bool IsValidAddress(string address) => address == "*" || IPAddress.TryParse(address, out _);

    public static void Listen(this KestrelServerOptions kestrel, string address, int port, BoundEndpoint bound, Action<ListenOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(bound);
        Action<ListenOptions> listen = options =>
        {
            configure(options);
            bound.Listen = options;
        };
        if (address == "*")
        {
            kestrel.ListenAnyIP(port, listen);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(address), port, listen);
        }
    }
}
