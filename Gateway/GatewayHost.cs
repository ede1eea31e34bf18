using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansFib.Gateway.Routing;
using OrleansFib.Grains;
using OrleansFib.Hosting;

namespace OrleansFib.Gateway;

/// <summary>The gateway's composition root: Kestrel's line-protocol endpoint in front of a FibGrain, embedded or in silos.</summary>
public static class GatewayHost
{
    public const string LineEndpoint = "line";
    public const string OperationsEndpoint = "operations";

    public static IReadOnlyDictionary<string, string> Switches { get; } = CommandLineSwitches.Combine(new Dictionary<string, string>
    {
        ["--address"] = "Gateway:Address",
        ["--port"] = "Gateway:Port",
        ["--http-address"] = "Gateway:HttpAddress",
        ["--http-port"] = "Gateway:HttpPort",
        ["--max-connections"] = "Gateway:MaxConnections",
        ["--timeout"] = "Gateway:RequestTimeout",
        ["--drain-timeout"] = "Gateway:DrainTimeout",
        ["--idle-timeout"] = "Gateway:IdleTimeout",
        ["--local-max-n"] = "Routing:LocalMaxN",
    });

    public static WebApplication Build(string[] args)
    {
        WebApplicationBuilder builder = ServiceHost.CreateBuilder(args, Switches);
        builder.UseInlineSocketIo();
        builder.AddServiceDefaults("orleansfib-gateway", GatewayMetrics.MeterName, FibWorkerPool.MeterName);
        builder.AddGateway();

        WebApplication app = builder.Build();
        // The operations port is the gateway's only HTTP port: probes, metrics, the service page and statistics.
        app.MapDefaultEndpoints();
        app.MapGet("/", () => Results.Content(DashboardPage.Html, "text/html; charset=utf-8"));
        app.MapGet("/stats", (HttpContext context) => Statistics(context.RequestServices));
        app.Lifetime.ApplicationStarted.Register(() => LogListening(app.Services));
        app.Lifetime.ApplicationStopping.Register(() => GatewayLog.Draining(
            app.Services.GetRequiredService<ILogger<FibConnectionHandler>>(), app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.DrainTimeout));
        return app;
    }

    /// <summary>
    /// Runs socket completions and the line protocol on the socket engine's threads (<c>Gateway:InlineIo</c>,
    /// on by default). The runtime has no runtimeconfig knob for the first half, only a variable read when
    /// the socket engine first starts, which is after this call and before Kestrel binds: `dotnet run`,
    /// containers and tests all get it from here.
    /// </summary>
    public static IHostApplicationBuilder UseInlineSocketIo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Configuration.GetValue(GatewayOptions.SectionName + ":" + nameof(GatewayOptions.InlineIo), defaultValue: true))
        {
            Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
            builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        }

        return builder;
    }

    /// <summary>
    /// The gateway's services: the line-protocol endpoint, the router in front of the silos, probes; and
    /// either an Orleans client of the configured cluster, or (none configured) one silo in this process.
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddSingleton<IValidateOptions<GatewayOptions>, ConnectionBudgetValidator>();
        services.AddOptions<RoutingOptions>()
            .Bind(builder.Configuration.GetSection(RoutingOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RoutingOptions>, RoutingOptionsValidator>();

        // The compute of the cheap lane, and of the co-hosted silo when there is one.
        services.AddFibGrain(builder.Configuration);
        OrleansHostingOptions orleans = builder.AddOrleansSettings();
        if (orleans.IsConfigured)
        {
            builder.UseOrleansClient(client => client.UseFibCluster(orleans).AddClusterConnectionStatusObserver<GatewayConnectionObserver>());
            // A grain call may take as long as the request it serves.
            services.AddOptions<ClientMessagingOptions>().Configure<IOptions<GatewayOptions>>((messaging, gateway) => messaging.ResponseTimeout = gateway.Value.RequestTimeout);
            services.AddSingleton<IActiveSilos, PolledActiveSilos>();
        }
        else
        {
            // The one-command dev run: a localhost silo in this process, with no gateway port (no client comes from outside).
            orleans.GatewayPort = 0;
            builder.UseOrleans(silo => silo.UseFibCluster(orleans, builder.Configuration));
            services.AddSingleton<IActiveSilos, LocalActiveSilos>();
        }

        services.AddSingleton<RoutingTable>();
        services.AddSingleton<FibRouter>();
        services.AddSingleton<SiloKeyFinder>();
        services.AddHostedService<SiloWatcher>();
        services.AddReadiness<GatewayReadinessCheck>("gateway");
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<RequestDispatcher>();
        services.AddSingleton<FibConnectionHandler>();
        services.AddKeyedSingleton<BoundEndpoint>(LineEndpoint);
        services.AddKeyedSingleton<BoundEndpoint>(OperationsEndpoint);
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<GatewayOptions>, IServiceProvider>((kestrel, options, provider) =>
            {
                GatewayOptions gateway = options.Value;
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxConcurrentConnections = ConnectionBudget.AcceptLimit(gateway, ConnectionBudget.OpenFileLimit);
                kestrel.Listen(gateway.Address, gateway.Port, provider.GetRequiredKeyedService<BoundEndpoint>(LineEndpoint),
                    listen => listen.UseConnectionHandler<FibConnectionHandler>());
                kestrel.Listen(gateway.HttpAddress, gateway.HttpPort, provider.GetRequiredKeyedService<BoundEndpoint>(OperationsEndpoint),
                    listen => listen.Protocols = HttpProtocols.Http1);
            });

        // SIGTERM: Kestrel stops accepting and waits this long for connections to finish their work.
        services.AddDrainTimeout<GatewayOptions>(options => options.DrainTimeout);
        return builder;
    }

    private static GatewayStatistics Statistics(IServiceProvider services) =>
        new(Environment.TickCount64, services.GetRequiredService<FibConnectionHandler>().OpenConnections, services.GetRequiredService<FibCompute>().InlineCompleted,
            services.GetRequiredService<FibWorkerPool>().Statistics,
            [.. services.GetRequiredService<RoutingTable>().Members.Select(silo => new GatewaySiloStatistics(silo.Authority, silo.IsEjected, silo.InFlightCost, silo.Calls, silo.Failures))]);

    private static void LogListening(IServiceProvider services)
    {
        FibGrainOptions grain = services.GetRequiredService<IOptions<FibGrainOptions>>().Value;
        RoutingOptions routing = services.GetRequiredService<IOptions<RoutingOptions>>().Value;
        OrleansHostingOptions orleans = services.GetRequiredService<OrleansHostingOptions>();
        ILogger logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewayHost));
        GatewayLog.Listening(logger, services.GetRequiredKeyedService<BoundEndpoint>(LineEndpoint).EndPoint,
            orleans.IsConfigured ? $"in the cluster {orleans.ClusterId} at {ClusteringAddress.Redacted(orleans.Clustering)} (n <= {routing.LocalMaxN} here)" : $"in this process's silo (n <= {routing.LocalMaxN} inline)",
            grain.Algorithm.ToString().ToLowerInvariant(), grain.EffectiveMaxN, grain.EffectiveWorkers);
        GatewayLog.ListeningOperations(logger, services.GetRequiredKeyedService<BoundEndpoint>(OperationsEndpoint).EndPoint);
    }
}
