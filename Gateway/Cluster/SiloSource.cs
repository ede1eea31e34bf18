using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OrleansFib.Gateway.Cluster;

/// <summary>Where the current list of silos comes from: a static list, a DNS name (a headless Service), or a file.</summary>
public sealed class SiloSource
{
    private const string DnsPrefix = "dns:";
    private const string FilePrefix = "file:";

    private readonly IReadOnlyList<string>? _static;
    private readonly string? _dnsName;
    private readonly int _dnsPort;
    private readonly string? _file;

    private SiloSource(IReadOnlyList<string>? list, string? dnsName, int dnsPort, string? file) =>
        (_static, _dnsName, _dnsPort, _file) = (list, dnsName, dnsPort, file);

    /// <summary>Whether the list can change while the gateway runs (so it is refreshed).</summary>
    public bool IsDynamic => _static is null;

    public override string ToString() => _dnsName is not null ? $"{DnsPrefix}{_dnsName}:{_dnsPort}" : _file is not null ? FilePrefix + _file : string.Join(',', _static!);

    public static bool TryParse(string text, out SiloSource? source, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        source = null;
        text = text.Trim();
        if (text.StartsWith(DnsPrefix, StringComparison.OrdinalIgnoreCase))
        {
            if (!TrySplitHostPort(text[DnsPrefix.Length..], out string? name, out int port, out error))
            {
                return false;
            }

            source = new SiloSource(null, name, port, null);
            return true;
        }

        if (text.StartsWith(FilePrefix, StringComparison.OrdinalIgnoreCase))
        {
            source = new SiloSource(null, null, 0, text[FilePrefix.Length..]);
            error = null;
            return true;
        }

        if (!TryParseList(text, out IReadOnlyList<string>? list, out error))
        {
            return false;
        }

        source = new SiloSource(list, null, 0, null);
        return true;
    }

    /// <summary>A comma- or newline-separated list of <c>host:port</c> (IPv6 as <c>[addr]:port</c>), as authorities; <c>#</c> starts a comment.</summary>
    public static bool TryParseList(string text, out IReadOnlyList<string>? authorities, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<string>();
        authorities = null;
        foreach (string line in text.Split('\n'))
        {
            string content = line.Split('#')[0];
            foreach (string entry in content.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!TrySplitHostPort(entry, out string? host, out int port, out error))
                {
                    return false;
                }

                list.Add(Authority(host!, port));
            }
        }

        if (list.Count == 0)
        {
            error = "names no silo; expected host:port[,host:port...], dns:NAME:PORT or file:PATH.";
            return false;
        }

        authorities = [.. list.Distinct(StringComparer.OrdinalIgnoreCase)];
        error = null;
        return true;
    }

    /// <summary>The silos now, as authorities (<c>host:port</c>).</summary>
    /// <exception cref="IOException">The file cannot be read or does not name a silo.</exception>
    /// <exception cref="SocketException">The name does not resolve.</exception>
    public async Task<IReadOnlyList<string>> ResolveAsync(CancellationToken cancellationToken)
    {
        if (_static is not null)
        {
            return _static;
        }

        if (_dnsName is not null)
        {
            IPAddress[] addresses = await Dns.GetHostAddressesAsync(_dnsName, cancellationToken).ConfigureAwait(false);
            return [.. addresses.Select(address => Authority(address.ToString(), _dnsPort)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }

        string text = await File.ReadAllTextAsync(_file!, cancellationToken).ConfigureAwait(false);
        return TryParseList(text, out IReadOnlyList<string>? list, out string? error) ? list! : throw new IOException($"{_file}: {error}");
    }

    private static string Authority(string host, int port) =>
        IPAddress.TryParse(host, out IPAddress? ip) && ip.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{ip}]:{port.ToString(CultureInfo.InvariantCulture)}"
            : $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";

    private static bool TrySplitHostPort(string entry, out string? host, out int port, out string? error)
    {
        host = null;
        port = 0;
        int colon = entry.LastIndexOf(':');
        string hostPart = colon > 0 ? entry[..colon].Trim('[', ']') : string.Empty;
        if (colon <= 0 || hostPart.Length == 0 || !int.TryParse(entry[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > IPEndPoint.MaxPort)
        {
            error = $"has '{entry}', which is not host:port with a port from 1 to {IPEndPoint.MaxPort}.";
            return false;
        }

        host = hostPart;
        error = null;
        return true;
    }
}
