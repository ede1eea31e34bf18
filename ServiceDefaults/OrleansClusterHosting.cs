using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Microsoft.AspNetCore.Routing;
using Orleans.Dashboard;
using OrleansFib.Hosting.Tls;
using StackExchange.Redis;

namespace OrleansFib.Hosting;

/// <summary>The cluster settings every process shares: clustering, identity, endpoints, and failure detection suited to a compute service.</summary>
public static class OrleansClusterHosting
{
    /// <summary>Membership settings, bound over the defaults below (e.g. <c>Cluster:Membership:ProbeTimeout</c>).</summary>
    public const string MembershipSection = OrleansHostingOptions.SectionName + ":Membership";

    public const string DashboardPath = "/dashboard";

    /// <summary>Serves the Orleans Dashboard at <see cref="DashboardPath"/> when the cluster settings (read once, by <see cref="AddOrleansSettings"/>) enable it.</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetRequiredService<OrleansHostingOptions>().Dashboard)
        {
            endpoints.MapOrleansDashboard(routePrefix: DashboardPath);
        }

        return endpoints;
    }

    /// <summary>
    /// Reads and checks the <c>Cluster</c> section once (Orleans needs it before the host is built) and
    /// registers it for whatever reads it later.
    /// </summary>
    public static OrleansHostingOptions AddOrleansSettings(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        OrleansHostingOptions options = builder.Configuration.ReadOrleansOptions();
        builder.Services.AddSingleton(options);
        if (options.RedisConfiguration() is not null)
        {
            builder.Services.AddHostedService<RedisStartCheck>();
        }

        return options;
    }

    /// <summary>Reads the <c>Cluster</c> section, which Orleans needs before the host is built; bad values fail the start like any other option.</summary>
    public static OrleansHostingOptions ReadOrleansOptions(this IConfiguration configuration)
    {
        OrleansHostingOptions options = configuration.GetSection(OrleansHostingOptions.SectionName).Get<OrleansHostingOptions>() ?? new();
        var failures = new OptionFailures();
        if (options.IsConfigured && !ClusteringAddress.TryParse(options.Clustering, out _))
        {
            failures.Add($"Cluster:Clustering (--clustering) {ClusteringAddress.Usage}; it is '{ClusteringAddress.Redacted(options.Clustering)}'.");
        }

        failures.Range("Cluster:SiloPort (--silo-port)", options.SiloPort, 1, IPEndPoint.MaxPort);
        failures.Range("Cluster:GatewayPort (--gateway-port)", options.GatewayPort, 0, IPEndPoint.MaxPort);
        if (options.AdvertisedAddress is { } advertised && !IPAddress.TryParse(advertised, out _))
        {
            failures.Add($"Cluster:AdvertisedAddress (--advertise) must be an IP address; it is '{advertised}'.");
        }

        if (options.ListenAddress is { } listen && !IPAddress.TryParse(listen, out _))
        {
            failures.Add($"Cluster:ListenAddress (--listen) must be an IP address; it is '{listen}'.");
        }

        if (options.RedisPasswordFile is { } passwordFile && !File.Exists(passwordFile))
        {
            failures.Add($"Cluster:RedisPasswordFile names no readable file: '{passwordFile}'.");
        }

        CheckTls(options.Tls, failures);
        failures.Range("Cluster:RedisStartTimeout", options.RedisStartTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        failures.Range("Cluster:LeaveTimeout", options.LeaveTimeout, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add("Cluster:ClusterId (--cluster-id) and Cluster:ServiceId must not be empty.");
        }

        return failures.Result.Failed
            ? throw new OptionsValidationException(OrleansHostingOptions.SectionName, typeof(OrleansHostingOptions), failures.Result.Failures)
            : options;
    }

    private static void CheckTls(ClusterTlsOptions tls, OptionFailures failures)
    {
        if (!tls.IsEnabled)
        {
            return;
        }

        if (tls.CertificatePath is null || tls.KeyPath is null || tls.CaPath is null)
        {
            failures.Add("Cluster:Tls needs CertificatePath (--tls-cert), KeyPath (--tls-key) and CaPath (--tls-ca) together: "
                + $"{(tls.CertificatePath is null ? "the certificate" : tls.KeyPath is null ? "the key" : "the CA")} is missing.");
            return;
        }

        failures.Range("Cluster:Tls:RefusalLogInterval", tls.RefusalLogInterval, TimeSpan.Zero, TimeSpan.FromDays(1));
        try
        {
            _ = new ClusterCertificates(tls);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            failures.Add($"Cluster:Tls: the certificate files cannot be used: {e.Message}");
        }
    }

    /// <summary>A silo of the cluster <paramref name="options"/> names (localhost clustering when none is configured).</summary>
    public static ISiloBuilder UseFibCluster(this ISiloBuilder silo, OrleansHostingOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        ConfigurationOptions? redis = options.RedisConfiguration();
        if (redis is null)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, null, options.ServiceId, options.ClusterId);
        }
        else
        {
            silo.UseRedisClustering(clustering => clustering.ConfigurationOptions = redis);
            silo.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (options.ClusterId, options.ServiceId));
            silo.Configure<EndpointOptions>(endpoints =>
            {
                endpoints.SiloPort = options.SiloPort;
                endpoints.GatewayPort = options.GatewayPort;
                if (options.AdvertisedAddress is { } advertised)
                {
                    endpoints.AdvertisedIPAddress = IPAddress.Parse(advertised);
                }

                // Unset, Orleans listens on the advertised address; another (0.0.0.0 behind a NAT) is asked for explicitly.
                if (options.ListenAddress is { } listen)
                {
                    endpoints.SiloListeningEndpoint = new IPEndPoint(IPAddress.Parse(listen), options.SiloPort);
                    endpoints.GatewayListeningEndpoint = options.GatewayPort == 0 ? null : new IPEndPoint(IPAddress.Parse(listen), options.GatewayPort);
                }
            });
        }

        if (options.Tls.IsEnabled)
        {
            silo.UseClusterTls(options.Tls);
        }

        // One trace from the gateway's request through the grain call: Orleans carries the trace context.
        silo.AddActivityPropagation();
        if (options.Dashboard)
        {
            silo.AddDashboard();
        }

        // A compute service would rather retry on another silo than wait: a dead silo is declared in about a
        // second. The table itself is read at Orleans' default pace: changes reach every silo by gossip at
        // once, and a read each second was most of an idle silo's Redis traffic.
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = TimeSpan.FromSeconds(1);
            membership.NumMissedProbesLimit = 2;
            membership.NumVotesForDeathDeclaration = 1;
            membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        });
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection(MembershipSection));
        return silo;
    }

    /// <summary>A client (the gateway) of the Redis-backed cluster <paramref name="options"/> names.</summary>
    public static IClientBuilder UseFibCluster(this IClientBuilder client, OrleansHostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ConfigurationOptions? redis = options.RedisConfiguration();
        if (redis is null)
        {
            client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
        }
        else
        {
            client.UseRedisClustering(clustering => clustering.ConfigurationOptions = redis);
            client.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (options.ClusterId, options.ServiceId));
        }

        if (options.Tls.IsEnabled)
        {
            client.UseClusterTls(options.Tls);
        }

        client.AddActivityPropagation();
        if (options.Dashboard)
        {
            client.AddDashboard();
        }

        // Silos that join or come back are found within a second, not the default minute.
        client.Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
        client.Configure<ClientMessagingOptions>(messaging => messaging.CancelRequestOnTimeout = true);

        // Start even when no silo is up yet: keep trying, the gateway's cheap lane serves meanwhile.
        client.UseConnectionRetryFilter(async (_, cancellationToken) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            return true;
        });
        return client;
    }
}
