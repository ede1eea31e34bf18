using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace OrleansFib.Hosting;

/// <summary>
/// Before Orleans starts, asks Redis once, so that a wrong password or an absent server ends the start with
/// one clear line: Orleans' Redis clustering would fail with a stack trace (silo) or retry silently (client).
/// </summary>
internal sealed class RedisStartCheck(OrleansHostingOptions options) : IHostedLifecycleService
{
    private readonly TimeProvider time = TimeProvider.System;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        ConfigurationOptions redis = options.RedisConfiguration()!;
        string server = ClusteringAddress.Redacted(options.Clustering);
        redis.AbortOnConnectFail = true;
        redis.ConnectRetry = 1;
        long start = time.GetTimestamp();
        while (true)
        {
            redis.ConnectTimeout = (int)Math.Clamp((options.RedisStartTimeout - time.GetElapsedTime(start)).TotalMilliseconds, 1, 5000);
            try
            {
                await using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(redis).ConfigureAwait(false);
                await connection.GetDatabase().PingAsync().ConfigureAwait(false);
                return;
            }
            catch (RedisConnectionException e) when (e.FailureType == ConnectionFailureType.AuthenticationFailure || e.Message.Contains("NOAUTH", StringComparison.Ordinal) || e.Message.Contains("WRONGPASS", StringComparison.Ordinal))
            {
                throw new ClusterStartException($"Redis at {server} refused this process's credentials (Cluster:Clustering user=, Cluster:RedisPasswordFile).", e);
            }
            catch (RedisException e) when (time.GetElapsedTime(start) + RetryDelay >= options.RedisStartTimeout)
            {
                throw new ClusterStartException($"Redis at {server} did not answer within {options.RedisStartTimeout} (Cluster:RedisStartTimeout): {e.Message}", e);
            }
            catch (RedisException)
            {
                await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
