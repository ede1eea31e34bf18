using OrleansFib.Hosting;

namespace OrleansFib.Tests.Hosting;

public sealed class ClusteringAddressTests
{
    [Theory]
    [InlineData("localhost", true)]
    [InlineData("redis:127.0.0.1:6379", true)]
    [InlineData("redis:orleansfib-redis:6379,user=silo,password=p,ssl=true", true)]
    [InlineData("redis:", false)]
    [InlineData("redis:host:1,bogus=1", false)]
    [InlineData("127.0.0.1:6379", false)]
    [InlineData(null, false)]
    public void ParsesLocalhostOrAStackExchangeRedisConfiguration(string? text, bool valid) =>
        Assert.Equal(valid, ClusteringAddress.TryParse(text, out _));

    [Fact]
    public void TheRedisOptionsAreTaken()
    {
        Assert.True(ClusteringAddress.TryParse("redis:orleansfib-redis:6380,user=silo,password=p,ssl=true", out ClusteringAddress? address));

        Assert.False(address.IsLocalhost);
        Assert.Equal(("silo", "p", true), (address.Redis.User, address.Redis.Password, address.Redis.Ssl));
        Assert.Equal("Unspecified/orleansfib-redis:6380", Assert.Single(address.Redis.EndPoints).ToString());
    }

    [Theory]
    [InlineData("redis:host:6379,password=hunter2")]
    [InlineData("redis:host:6379,password=hunter2,bogus=1")]
    [InlineData("password=hunter2")]
    public void APasswordIsNeverShown(string text) =>
        Assert.DoesNotContain("hunter2", ClusteringAddress.Redacted(text), StringComparison.Ordinal);

    [Fact]
    public void ThePasswordFileOverridesThePasswordInTheSetting()
    {
        string file = Path.GetTempFileName();
        File.WriteAllText(file, "from-file\n");
        try
        {
            var options = new OrleansHostingOptions { Clustering = "redis:host:6379,password=inline", RedisPasswordFile = file };

            Assert.Equal("from-file", options.RedisConfiguration()!.Password);
            Assert.Null(new OrleansHostingOptions { Clustering = "localhost" }.RedisConfiguration());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
