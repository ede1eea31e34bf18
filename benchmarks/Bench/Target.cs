using System.Globalization;
using System.Net;

namespace OrleansFib.Bench;

/// <summary>
/// A server to measure: <c>name=host:port</c>, or just <c>host:port</c> (named after itself); an
/// address written <c>h2c://ip:port</c> is an HTTP/2 server such as <c>Bench serve-h2c</c>.
/// </summary>
public sealed record Target(string Name, IPEndPoint EndPoint, TargetProtocol Protocol = TargetProtocol.Line)
{
    private const string H2cScheme = "h2c://";

    public static Target Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        string name = equals > 0 ? text[..equals] : text;
        string address = equals > 0 ? text[(equals + 1)..] : text;
        TargetProtocol protocol = TargetProtocol.Line;
        if (address.StartsWith(H2cScheme, StringComparison.OrdinalIgnoreCase))
        {
            (protocol, address) = (TargetProtocol.H2c, address[H2cScheme.Length..]);
        }

        if (address.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase))
        {
            address = "127.0.0.1" + address["localhost".Length..];
        }

        return IPEndPoint.TryParse(address, out IPEndPoint? endPoint) && endPoint.Port != 0
            ? new Target(name, endPoint, protocol)
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{text}' is not name=ip:port or name=h2c://ip:port (e.g. orleansfib=127.0.0.1:25000)"));
    }

    /// <summary>The address as it was written (<c>h2c://</c> included).</summary>
    public string Address => Protocol == TargetProtocol.H2c ? H2cScheme + EndPoint : EndPoint.ToString();

    public override string ToString() => $"{Name}={Address}";
}
