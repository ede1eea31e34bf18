using System.Globalization;

namespace OrleansFib.Gateway;

/// <summary>
/// How many connections fit in the process's open-file limit. Past that limit accept() fails with
/// EMFILE, which Kestrel retries at once, forever: the gateway must refuse connections well before.
/// </summary>
/// <remarks>The .NET runtime raises the soft limit to the hard one at start-up, so the soft limit read here is the most there is.</remarks>
internal static class ConnectionBudget
{
    /// <summary>Connections over the limit are accepted, answered <c>ERR too many connections</c> and closed: each holds a descriptor meanwhile.</summary>
    public const int RefusalHeadroom = 64;

    private static readonly Lazy<long?> Limit = new(ReadOpenFileLimit);

    /// <summary>The soft open-file limit (RLIMIT_NOFILE), read once per process; null where it cannot be read or is unlimited.</summary>
    public static long? OpenFileLimit => Limit.Value;

    private static long? ReadOpenFileLimit()
    {
        const string Prefix = "Max open files";
        try
        {
            string? line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
            string? soft = line?[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out long limit) ? limit : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The connections the gateway serves: <see cref="GatewayOptions.MaxConnections"/>, or fewer when the limit cannot hold them.</summary>
    public static int MaxConnections(GatewayOptions options, long? openFileLimit) =>
        openFileLimit is { } limit ? (int)Math.Clamp(limit - options.ReservedFileDescriptors - RefusalHeadroom, 0, options.MaxConnections) : options.MaxConnections;

    /// <summary>Connections Kestrel accepts at all, ours and the refusals in progress: beyond this it closes them at once, so accept never meets EMFILE.</summary>
    public static long? AcceptLimit(GatewayOptions options, long? openFileLimit) =>
        openFileLimit is { } limit ? Math.Max(1, limit - options.ReservedFileDescriptors) : null;
}
