using System.Globalization;
using System.Diagnostics.CodeAnalysis;

namespace OrleansFib.Hosting;

/// <summary>A parsed <see cref="OrleansHostingOptions.Clustering"/>: <c>localhost</c>, or a Redis server's host and port.</summary>
public sealed record ClusteringAddress(string? RedisHost, int RedisPort)
{
    public const string Usage = "must be 'localhost' or 'redis:HOST:PORT'";

    public bool IsLocalhost => RedisHost is null;

    /// <summary>The StackExchange.Redis configuration string.</summary>
    public string RedisConfiguration => $"{RedisHost}:{RedisPort.ToString(CultureInfo.InvariantCulture)},abortConnect=false";

    public static bool TryParse(string? text, [NotNullWhen(true)] out ClusteringAddress? address)
    {
        address = null;
        if (string.Equals(text, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = new ClusteringAddress(null, 0);
            return true;
        }

        if (text?.Split(':') is ["redis", { Length: > 0 } host, string port]
            && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number is > 0 and <= 65535)
        {
            address = new ClusteringAddress(host, number);
            return true;
        }

        return false;
    }
}
