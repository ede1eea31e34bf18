using System.Security.Authentication;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace OrleansFib.Hosting.Tls;

/// <summary>Mutual TLS on every Orleans connection of a silo or a client, with Orleans' own TLS (Microsoft.Orleans.Connections.Security).</summary>
public static class ClusterTls
{
    /// <summary>Orleans' TLS middleware logs every failed handshake; <see cref="TlsRefusals"/> logs them once per peer instead.</summary>
    private const string OrleansTlsCategory = "Orleans.Connections.Security";

    private const string HandshakeFailed = "no TLS handshake with a trusted certificate (plaintext, no certificate, or refused by the other side)";

    /// <summary>Silo-to-silo and gateway connections, both ways, only with peers whose certificates chain to the cluster's CA.</summary>
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var certificates = new ClusterCertificates(options);
        AddRefusalLog(silo.Services, options);

        // Registered before UseTls, so it wraps Orleans' TLS middleware and sees how each handshake ended.
        silo.Configure<SiloConnectionOptions>(connections =>
        {
            connections.ConfigureSiloInboundConnection(builder => builder.Use(next => LogRefusals(builder, next, "silo")));
            connections.ConfigureGatewayInboundConnection(builder => builder.Use(next => LogRefusals(builder, next, "gateway")));
            connections.ConfigureSiloOutboundConnection(builder => builder.Use(next => LogRefusals(builder, next, "outbound silo")));
        });
        return silo.UseTls(tls => Configure(tls, certificates));
    }

    /// <summary>The client's connections to silos' gateway ports, with the same certificates and trust.</summary>
    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        var certificates = new ClusterCertificates(options);
        AddRefusalLog(client.Services, options);
        client.Configure<ClientConnectionOptions>(connections =>
            connections.ConfigureConnection(builder => builder.Use(next => LogRefusals(builder, next, "silo's gateway"))));
        return client.UseTls(tls => Configure(tls, certificates));
    }

    private static void AddRefusalLog(IServiceCollection services, ClusterTlsOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<TlsRefusals>();
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<LoggerFilterOptions>(filter => filter.AddFilter(OrleansTlsCategory, LogLevel.Error));
    }

    private static void Configure(TlsOptions tls, ClusterCertificates certificates)
    {
        // Selectors, not fixed certificates: each handshake takes the files as they are now.
        tls.LocalServerCertificateSelector = (_, _) => certificates.Certificate;
        tls.LocalClientCertificateSelector = (_, _, _, _, _) => certificates.Certificate;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;

        // The chain to the cluster's CA is the identity; names are not checked, as silos dial each other by IP.
        tls.RemoteCertificateValidation = (certificate, _, _) =>
        {
            if (certificates.Trusts(certificate, out string reason))
            {
                return true;
            }

            TlsAttempt.Current.Value?.Refusal = reason;
            return false;
        };
    }

    private static ConnectionDelegate LogRefusals(IConnectionBuilder builder, ConnectionDelegate next, string port)
    {
        TlsRefusals refusals = builder.ApplicationServices.GetRequiredService<TlsRefusals>();
        return async context =>
        {
            var attempt = new TlsAttempt();
            TlsAttempt.Current.Value = attempt;
            await next(context).ConfigureAwait(false);
            if (context.Features.Get<ITlsHandshakeFeature>() is { Protocol: SslProtocols.None })
            {
                refusals.Refused(context.RemoteEndPoint, port, attempt.Refusal ?? HandshakeFailed);
            }
        };
    }
}
