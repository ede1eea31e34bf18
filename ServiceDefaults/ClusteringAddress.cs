using System.Diagnostics.CodeAnalysis;
using StackExchange.Redis;

namespace OrleansFib.Hosting;

/// <summary>A parsed <see cref="OrleansHostingOptions.Clustering"/>: <c>localhost</c>, or a Redis server's StackExchange.Redis configuration.</summary>
public sealed class ClusteringAddress
{
    public const string Usage = "must be 'localhost' or 'redis:HOST:PORT[,option=value...]' (StackExchange.Redis options: user, password, ssl, ...)";

    private const string RedisPrefix = "redis:";

    private ClusteringAddress(ConfigurationOptions? redis) => Redis = redis;

    /// <summary>The Redis server's configuration; null for <c>localhost</c> clustering.</summary>
    public ConfigurationOptions? Redis { get; }

    [MemberNotNullWhen(false, nameof(Redis))]
    public bool IsLocalhost => Redis is null;

    public static bool TryParse(string? text, [NotNullWhen(true)] out ClusteringAddress? address)
    {
        address = null;
        if (string.Equals(text, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = new ClusteringAddress(null);
            return true;
        }

        if (text is null || !text.StartsWith(RedisPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        ConfigurationOptions redis;
        try
        {
            redis = ConfigurationOptions.Parse(text[RedisPrefix.Length..]);
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (redis.EndPoints.Count == 0)
        {
            return false;
        }

        address = new ClusteringAddress(redis);
        return true;
    }

    /// <summary><paramref name="text"/> as it may be shown: any password replaced.</summary>
    public static string Redacted(string? text) =>
        TryParse(text, out ClusteringAddress? address) && !address.IsLocalhost ? RedisPrefix + address.Redis.ToString(includePassword: false)
        : text?.Contains("password", StringComparison.OrdinalIgnoreCase) == true ? "(not shown: it names a password)"
        : text ?? "";
}
