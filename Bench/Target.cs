using System.Globalization;
using System.Net;

namespace OrleansFib.Bench;

/// <summary>A server to measure: <c>name=host:port</c>, or just <c>host:port</c> (named after itself).</summary>
public sealed record Target(string Name, IPEndPoint EndPoint)
{
    public static Target Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        string name = equals > 0 ? text[..equals] : text;
        string address = equals > 0 ? text[(equals + 1)..] : text;
        if (address.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase))
        {
            address = "127.0.0.1" + address["localhost".Length..];
        }

        return IPEndPoint.TryParse(address, out IPEndPoint? endPoint) && endPoint.Port != 0
            ? new Target(name, endPoint)
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{text}' is not name=ip:port (e.g. orleansfib=127.0.0.1:25000)"));
    }

    public override string ToString() => $"{Name}={EndPoint}";
}
