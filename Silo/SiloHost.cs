using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OrleansFib.Grains;
using OrleansFib.Hosting;

namespace OrleansFib.Silo;

/// <summary>The silo's composition root: an Orleans silo hosting FibGrain, and an HTTP/1.1 operations port (probes, statistics, metrics).</summary>
public static class SiloHost
{
    private const string OperationsEndpoint = "operations";

    public static IReadOnlyDictionary<string, string> Switches { get; } = CommandLineSwitches.Combine(new Dictionary<string, string>
    {
        ["--address"] = "Silo:Address",
        ["--http-port"] = "Silo:HttpPort",
        ["--drain-timeout"] = "Silo:DrainTimeout",
    });

    public static WebApplication Build(string[] args)
    {
        WebApplicationBuilder builder = ServiceHost.CreateBuilder(args, Switches);
        builder.AddServiceDefaults("orleansfib-silo", FibWorkerPool.MeterName);
        builder.AddSilo();

        WebApplication app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/stats", (SiloState state, FibCompute compute, FibWorkerPool pool) => new SiloStatistics(state.Draining, compute.InlineCompleted, pool.Statistics));
        app.Lifetime.ApplicationStarted.Register(() => LogListening(app.Services));
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            // Not ready from now on; Orleans leaves the cluster gracefully and lets calls in flight finish.
            app.Services.GetRequiredService<SiloState>().Drain();
            SiloLog.Draining(app.Services.GetRequiredService<ILogger<SiloState>>(), app.Services.GetRequiredService<IOptions<SiloOptions>>().Value.DrainTimeout);
        });
        return app;
    }

    public static IHostApplicationBuilder AddSilo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        OrleansHostingOptions orleans = builder.AddOrleansSettings();
        builder.UseOrleans(silo => silo.UseFibCluster(orleans, builder.Configuration));

        IServiceCollection services = builder.Services;
        services.AddOptions<SiloOptions>()
            .Bind(builder.Configuration.GetSection(SiloOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        services.AddFibGrain(builder.Configuration);
        services.AddSingleton<SiloState>();
        services.AddReadiness<SiloReadinessCheck>("silo");
        services.AddKeyedSingleton<BoundEndpoint>(OperationsEndpoint);
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<SiloOptions>, IServiceProvider>((kestrel, options, provider) =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Listen(options.Value.Address, options.Value.HttpPort, provider.GetRequiredKeyedService<BoundEndpoint>(OperationsEndpoint),
                    listen => listen.Protocols = HttpProtocols.Http1);
            });
        services.AddDrainTimeout<SiloOptions>(options => options.DrainTimeout);
        return builder;
    }

    private static void LogListening(IServiceProvider services)
    {
        FibGrainOptions grain = services.GetRequiredService<IOptions<FibGrainOptions>>().Value;
        ILogger logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SiloHost));
        SiloLog.Started(logger, services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString(),
            grain.Algorithm.ToString().ToLowerInvariant(), grain.EffectiveMaxN, grain.EffectiveWorkers);
        SiloLog.ListeningOperations(logger, services.GetRequiredKeyedService<BoundEndpoint>(OperationsEndpoint).EndPoint);
    }
}
