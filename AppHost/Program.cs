// A local cluster the .NET way: Redis (the machine's redis-server), N silos and the gateway as processes on
// loopback, started in health order, each one's logs, traces and metrics in the Aspire dashboard.
//   dotnet run --project AppHost [-- --Silos 3 --WorkersPerSilo 1 --LinePort 25000]   (LinePort 0: one Aspire picks)
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

IDistributedApplicationBuilder builder = DistributedApplication.CreateBuilder(args);
int silos = builder.Configuration.GetValue("Silos", 2);
int workers = builder.Configuration.GetValue("WorkersPerSilo", 1);
int linePort = builder.Configuration.GetValue("LinePort", 25000);
if (silos < 1 || workers < 1 || linePort is < 0 or > 65535)
{
    Console.Error.WriteLine($"AppHost: Silos ({silos}) and WorkersPerSilo ({workers}) must be at least 1, LinePort ({linePort}) a port or 0");
    return 2;
}

if (!(Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, "redis-server"))))
{
    Console.Error.WriteLine("AppHost: needs redis-server on the PATH (Debian: apt-get install redis-server)");
    return 2;
}

// Redis keeps the membership table only in memory: a local cluster starts afresh.
IResourceBuilder<ExecutableResource> redis = builder.AddExecutable("redis", "redis-server", builder.AppHostDirectory,
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
    .WithEndpoint(name: "tcp", scheme: "tcp", env: "REDIS_PORT", isProxied: false);
EndpointReference redisEndpoint = redis.GetEndpoint("tcp");
redis.WithArgs(context =>
    {
        context.Args.Add("--port");
        context.Args.Add(redisEndpoint.Property(EndpointProperty.TargetPort));
    })
    .WithHealthCheck("redis-accepts");
builder.Services.AddHealthChecks().AddAsyncCheck("redis-accepts", async cancellationToken =>
{
    try
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", redisEndpoint.Port, cancellationToken);
        return HealthCheckResult.Healthy();
    }
    catch (SocketException e)
    {
        return HealthCheckResult.Unhealthy(e.Message);
    }
});
ReferenceExpression clustering = ReferenceExpression.Create($"redis:127.0.0.1:{redisEndpoint.Property(EndpointProperty.Port)}");

IResourceBuilder<ProjectResource> gateway = builder.AddProject<Projects.Gateway>("gateway", launchProfileName: null)
    .WithEnvironment("Cluster__Clustering", clustering)
    .WithEnvironment("Gateway__Address", "127.0.0.1")
    .WithEndpoint(port: linePort == 0 ? null : linePort, targetPort: linePort == 0 ? null : linePort, name: "line", scheme: "tcp", env: "Gateway__Port", isProxied: false)
    .WithHttpEndpoint(name: "operations", env: "Gateway__HttpPort", isProxied: false)
    .WithHttpHealthCheck("/health/ready", endpointName: "operations");

for (int i = 1; i <= silos; i++)
{
    IResourceBuilder<ProjectResource> silo = builder.AddProject<Projects.Silo>($"silo{i}", launchProfileName: null)
        .WithEnvironment("Cluster__Clustering", clustering)
        .WithEnvironment("Cluster__AdvertisedAddress", "127.0.0.1")
        .WithEnvironment("FibGrain__Workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .WithEndpoint(name: "silo", scheme: "tcp", env: "Cluster__SiloPort", isProxied: false)
        .WithEndpoint(name: "orleans", scheme: "tcp", env: "Cluster__GatewayPort", isProxied: false)
        .WithHttpEndpoint(name: "operations", env: "Silo__HttpPort", isProxied: false)
        .WithHttpHealthCheck("/health/ready", endpointName: "operations")
        .WaitFor(redis);
    gateway.WaitFor(silo);
}

await builder.Build().RunAsync();
return 0;
