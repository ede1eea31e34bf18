using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OrleansFib.Grains;
using OrleansFib.Hosting;

namespace OrleansFib.Gateway;

/// <summary>The gateway's composition root: Kestrel's line-protocol endpoint in front of a FibGrain.</summary>
public static class GatewayHost
{
    public static IReadOnlyDictionary<string, string> Switches { get; } = CommandLineSwitches.Combine(new Dictionary<string, string>
    {
        ["--address"] = "Gateway:Address",
        ["--port"] = "Gateway:Port",
        ["--max-connections"] = "Gateway:MaxConnections",
        ["--timeout"] = "Gateway:RequestTimeout",
        ["--drain-timeout"] = "Gateway:DrainTimeout",
    });

    public static WebApplication Build(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, Switches.ToDictionary());
        builder.AddGateway();
        WebApplication app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(() => LogListening(app.Services));
        app.Lifetime.ApplicationStopping.Register(() => GatewayLog.Draining(
            app.Services.GetRequiredService<ILogger<FibConnectionHandler>>(), app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.DrainTimeout));
        return app;
    }

    /// <summary>The gateway's services: the line-protocol endpoint and, embedded, the FibGrain it calls.</summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();

        // The embedded default: an in-process FibGrain, like an Orleans co-hosted client.
        services.AddFibGrain(builder.Configuration);
        services.AddSingleton<IFibGrain>(provider => provider.GetRequiredService<FibGrain>());

        services.AddSingleton<RequestDispatcher>();
        services.AddSingleton<FibConnectionHandler>();
        services.AddSingleton<GatewayEndpoint>();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<GatewayOptions>, GatewayEndpoint>((kestrel, options, endpoint) =>
            {
                kestrel.AddServerHeader = false;
                GatewayOptions gateway = options.Value;
                Action<ListenOptions> lineProtocol = listen =>
                {
                    listen.UseConnectionHandler<FibConnectionHandler>();
                    endpoint.Listen = listen;
                };
                if (gateway.Address == "*")
                {
                    kestrel.ListenAnyIP(gateway.Port, lineProtocol);
                }
                else
                {
                    kestrel.Listen(IPAddress.Parse(gateway.Address), gateway.Port, lineProtocol);
                }
            });

        // SIGTERM: Kestrel stops accepting and waits this long for connections to finish their work.
        services.AddOptions<HostOptions>()
            .Configure<IOptions<GatewayOptions>>((host, options) => host.ShutdownTimeout = options.Value.DrainTimeout);
        return builder;
    }

    private static void LogListening(IServiceProvider services)
    {
        FibGrainOptions grain = services.GetRequiredService<IOptions<FibGrainOptions>>().Value;
        GatewayLog.Listening(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewayHost)),
            services.GetRequiredService<GatewayEndpoint>().EndPoint, "embedded", grain.Algorithm.ToString().ToLowerInvariant(),
            grain.EffectiveMaxN, grain.EffectiveWorkers);
    }
}
