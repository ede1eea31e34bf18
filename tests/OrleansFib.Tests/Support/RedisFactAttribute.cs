namespace OrleansFib.Tests.Support;

/// <summary>A test that runs a real <c>redis-server</c> for cluster membership: skipped, saying why, where it is not installed.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/redis-server";

    public RedisFactAttribute()
    {
        if (!File.Exists(Path))
        {
            Skip = "needs redis-server (Debian: apt-get install redis-server); .ci/run installs it";
        }
    }
}
