using System.Net;
using Microsoft.Extensions.Logging;

namespace OrleansFib.Hosting.Tls;

/// <summary>Logs refused connections once per peer address, reason and interval: a peer that retries every second is one line a minute.</summary>
internal sealed class TlsRefusals(ClusterTlsOptions options, ILogger<TlsRefusals> logger, TimeProvider time)
{
    private const int MaxRemembered = 4096;
    private readonly Dictionary<(IPAddress, string), long> _lastLogged = [];
    private readonly Lock _lock = new();

    public void Refused(EndPoint? peer, string port, string reason)
    {
        (IPAddress, string) key = ((peer as IPEndPoint)?.Address ?? IPAddress.None, reason);
        long now = time.GetTimestamp();
        lock (_lock)
        {
            if (_lastLogged.TryGetValue(key, out long last) && time.GetElapsedTime(last, now) < options.RefusalLogInterval)
            {
                return;
            }

            if (_lastLogged.Count >= MaxRemembered)
            {
                _lastLogged.Clear(); // many peers at once: at worst one more line each
            }

            _lastLogged[key] = now;
        }

        HostingLog.TlsRefused(logger, peer?.ToString() ?? "an unknown peer", port, reason, options.RefusalLogInterval);
    }
}
