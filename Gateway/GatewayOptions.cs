using OrleansFib.Hosting;
using OrleansFib.Gateway.Protocol;
using System.ComponentModel.DataAnnotations;
namespace OrleansFib.Gateway;

/// <summary>The line-protocol endpoint (configuration section <c>Gateway</c>, environment <c>Gateway__Port</c> style).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The address to listen on: <c>*</c> for every interface (IPv4 and IPv6), or an IP address.</summary>
    [ListenAddress]
    public string Address { get; set; } = "*";

    /// <summary>The TCP port of the line protocol; 0 picks a free one (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 25000;

    /// <summary>
    /// The address the operations port listens on: <c>*</c> or an IP address. Loopback by default: the port has
    /// no authentication (its page, statistics, metrics and the Orleans Dashboard); containers set <c>*</c>.
    /// </summary>
    [ListenAddress]
    public string HttpAddress { get; set; } = "127.0.0.1";

    /// <summary>The operations port: HTTP/1.1 health probes and statistics; 0 picks a free one (tests).</summary>
    [Range(0, 65535)]
    public int HttpPort { get; set; } = 8080;

    /// <summary>Open connections; one more is answered <c>ERR too many connections</c> and closed. Lowered at start-up when the open-file limit cannot hold them.</summary>
    [Range(1, 1_000_000)]
    public int MaxConnections { get; set; } = 20_000;

    /// <summary>File descriptors kept for everything but client connections (the runtime's own files, silo connections, the operations port).</summary>
    [Range(16, 1_000_000)]
    public int ReservedFileDescriptors { get; set; } = 512;

    /// <summary>A connection that sends nothing and waits for no answer this long is answered <c>ERR idle timeout, closing</c> and closed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Bytes of over-long lines one connection may send (each is answered <c>ERR line too long</c>); past this it is closed.</summary>
    [Range(0, long.MaxValue)]
    public long MaxOverlongBytes { get; set; } = 1 << 20;

    /// <summary>The longest request line, in bytes, without its newline.</summary>
    [Range(1, RequestParser.MaxSupportedLineLength)]
    public int MaxLineLength { get; set; } = 100;

    /// <summary>Pipelined requests of one connection computed at once; the connection is not read further until one is answered.</summary>
    [Range(1, 10_000)]
    public int MaxInFlightPerConnection { get; set; } = 32;

    /// <summary>How long a request may take before it is answered <c>ERR timeout</c> and its work cancelled.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Run socket completions and the line protocol on the socket engine's own threads, with no hop to
    /// the thread pool. Safe here because nothing slow runs on them (cheap requests take microseconds;
    /// the rest wait on compute threads). Read at start-up.
    /// </summary>
    public bool InlineIo { get; set; } = true;

    /// <summary>On SIGTERM, how long in-flight requests may take to finish before their connections are closed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
