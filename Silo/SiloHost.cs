using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OrleansFib.Grains;
using OrleansFib.Hosting;

namespace OrleansFib.Silo;

/// <summary>The silo's composition root: FibGrain served over HTTP/2 (h2c), probes and statistics on an HTTP/1.1 port.</summary>
public static class SiloHost
{
    private const string GrainEndpoint = "grain";
    private const string OperationsEndpoint = "operations";

    public static IReadOnlyDictionary<string, string> Switches { get; } = CommandLineSwitches.Combine(new Dictionary<string, string>
    {
        ["--address"] = "Silo:Address",
        ["--port"] = "Silo:Port",
        ["--health-port"] = "Silo:HealthPort",
        ["--drain-timeout"] = "Silo:DrainTimeout",
    });

    public static WebApplication Build(string[] args)
    {
        WebApplicationBuilder builder = ServiceHost.CreateBuilder(args, Switches);
        builder.AddSilo();

        WebApplication app = builder.Build();
        BoundEndpoint operations = app.Services.GetRequiredKeyedService<BoundEndpoint>(OperationsEndpoint);
        app.UseOperationsPort(operations, HealthEndpoints.PathPrefix, "/stats", MetricsExport.Path);
        app.MapHealthEndpoints();
        app.MapMetrics();
        app.MapGet("/stats", (SiloState state, FibGrain grain, FibWorkerPool pool) => new SiloStatistics(state.Draining, grain.InlineCompleted, pool.Statistics));
        FibCallEndpoint calls = app.Services.GetRequiredService<FibCallEndpoint>();
        app.MapGet(FibSiloProtocol.Route, calls.HandleAsync);

        app.Lifetime.ApplicationStarted.Register(() => LogListening(app.Services));
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            // Before Kestrel stops: calls that still arrive get 503 and go to another silo.
            app.Services.GetRequiredService<SiloState>().Drain();
            SiloLog.Draining(app.Services.GetRequiredService<ILogger<SiloState>>(), app.Services.GetRequiredService<IOptions<SiloOptions>>().Value.DrainTimeout);
        });
        return app;
    }

    public static IHostApplicationBuilder AddSilo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        services.AddOptions<SiloOptions>()
            .Bind(builder.Configuration.GetSection(SiloOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        services.AddFibGrain(builder.Configuration);
        services.AddSingleton<SiloState>();
        services.AddSingleton<FibCallEndpoint>();
        services.AddReadiness<SiloReadinessCheck>("silo");
        services.AddMetricsExport(FibWorkerPool.MeterName);
        services.AddKeyedSingleton<BoundEndpoint>(GrainEndpoint);
        services.AddKeyedSingleton<BoundEndpoint>(OperationsEndpoint);
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<SiloOptions>, IServiceProvider>((kestrel, options, provider) =>
            {
                SiloOptions silo = options.Value;
                kestrel.AddServerHeader = false;
                kestrel.Listen(silo.Address, silo.Port, provider.GetRequiredKeyedService<BoundEndpoint>(GrainEndpoint), listen => listen.Protocols = HttpProtocols.Http2);
                kestrel.Listen(silo.Address, silo.HealthPort, provider.GetRequiredKeyedService<BoundEndpoint>(OperationsEndpoint), listen => listen.Protocols = HttpProtocols.Http1);
            });
        services.AddDrainTimeout<SiloOptions>(options => options.DrainTimeout);
        return builder;
    }

    private static void LogListening(IServiceProvider services)
    {
        FibGrainOptions grain = services.GetRequiredService<IOptions<FibGrainOptions>>().Value;
        ILogger logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SiloHost));
        SiloLog.ListeningGrain(logger, services.GetRequiredKeyedService<BoundEndpoint>(GrainEndpoint).EndPoint,
            grain.Algorithm.ToString().ToLowerInvariant(), grain.EffectiveMaxN, grain.EffectiveWorkers);
        SiloLog.ListeningOperations(logger, services.GetRequiredKeyedService<BoundEndpoint>(OperationsEndpoint).EndPoint);
    }
}
