using System.Net.Sockets;
using OrleansFib.Hosting;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Gateway;

/// <summary>The gateway as a real process: start-up, configuration errors, SIGTERM.</summary>
[Trait(SlowSuite.Trait, SlowSuite.Value)]
public sealed class GatewayProcessTests
{
    [Fact]
    public async Task SigtermStopsAcceptingFinishesWorkInFlightAndExitsZero()
    {
        await using var gateway = ServiceProcess.Start("Gateway", "--address", "127.0.0.1", "--port", "0", "--http-port", "0", "--workers", "1", "--drain-timeout", "00:00:30");
        int port = await gateway.WaitForPortAsync();
        await using LineClient idle = await LineClient.ConnectAsync(port);
        await using LineClient busy = await LineClient.ConnectAsync(port);

        // The answer to 1 is flushed only after the 42 that came in the same read has started.
        await busy.SendAsync("1\n42\n");
        Assert.Equal("1", await busy.ReadLineAsync());
        gateway.Terminate();

        await Eventually.TrueAsync(() => !CanConnect(port), "the gateway stops accepting");
        Assert.Equal(Fibonacci.Line(42), await busy.ReadLineAsync());
        Assert.Null(await busy.ReadLineAsync());
        Assert.Null(await idle.ReadLineAsync());
        Assert.Equal(0, await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData("FibGrain:MaxN (--max-n) must be between 0 and 93 for the Naive algorithm; it is 500.", "--max-n", "500")]
    [InlineData("The field GatewayOptions.Port must be between 0 and 65535.", "--port", "70000")]
    [InlineData("GatewayOptions.Address must be * or an IP address.", "--address", "localhost")]
    [InlineData("Failed to convert configuration value 'slow' at 'FibGrain:Algorithm'", "--algorithm", "slow")]
    [InlineData("unknown argument '--prot' (see --help)", "--prot", "1")]
    [InlineData("The field GatewayOptions.MaxLineLength must be between 1 and 4096.", "--Gateway:MaxLineLength=0")]
    [InlineData("Cluster:Clustering (--clustering) must be 'localhost' or 'redis:HOST:PORT[,option=value...]'", "--clustering", "redis:nowhere:1,bogus=1")]
    [InlineData("Cluster:Tls needs CertificatePath (--tls-cert), KeyPath (--tls-key) and CaPath (--tls-ca) together: the key is missing.", "--tls-cert", "/nonexistent/tls.crt")]
    [InlineData("Cluster:Tls: the certificate files cannot be used:", "--tls-cert", "/nonexistent/tls.crt", "--tls-key", "/nonexistent/tls.key", "--tls-ca", "/nonexistent/ca.crt")]
    [InlineData("Cluster:RedisPasswordFile names no readable file: '/nonexistent/password'.", "--clustering", "redis:127.0.0.1:1", "--Cluster:RedisPasswordFile=/nonexistent/password")]
    [InlineData("The field RoutingOptions.LocalMaxN must be between -1 and", "--local-max-n", "-2")]
    public async Task BadConfigurationFailsAtStartWithAClearMessage(string message, params string[] args)
    {
        await using var gateway = ServiceProcess.Start("Gateway", ["--port", "0", "--http-port", "0", "--address", "127.0.0.1", .. args]);

        Assert.Equal(ServiceHost.ConfigurationErrorExitCode, await gateway.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("gateway: configuration error: ", gateway.Output, StringComparison.Ordinal);
        Assert.Contains(message, gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APasswordInTheClusteringSettingIsNeverShown()
    {
        await using var gateway = ServiceProcess.Start("Gateway", "--port", "0", "--http-port", "0", "--address", "127.0.0.1",
            "--clustering", "redis:127.0.0.1:1,password=hunter2,bogus=1");

        Assert.Equal(ServiceHost.ConfigurationErrorExitCode, await gateway.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Cluster:Clustering (--clustering)", gateway.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOrleansDashboardCanBeSwitchedOnAndTheOperationsPortStaysOnLoopback()
    {
        // The line protocol on another loopback address: the operations port stays on 127.0.0.1, its default.
        await using var gateway = ServiceProcess.Start("Gateway", "--address", "127.0.0.2", "--port", "0", "--http-port", "0", "--dashboard", "true");
        await gateway.WaitForPortAsync();
        int operationsPort = await gateway.WaitForPortAsync("operations HTTP/1.1"); // logged after the line port's
        Assert.Matches(@"listening on 127\.0\.0\.2:\d+ \(line protocol\)", gateway.Output);
        Assert.Matches(@"listening on 127\.0\.0\.1:\d+ \(operations HTTP/1\.1\)", gateway.Output);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{operationsPort}") };

        using HttpResponseMessage dashboard = await http.GetAsync(new Uri("/dashboard/", UriKind.Relative));
        using HttpResponseMessage page = await http.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Orleans", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task HelpListsTheSwitches()
    {
        await using var gateway = ServiceProcess.Start("Gateway", "--help");

        Assert.Equal(0, await gateway.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("--max-n              FibGrain:MaxN", gateway.Output, StringComparison.Ordinal);
        Assert.Contains("--port               Gateway:Port", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAnOtlpEndpointSetMetricsAndTracesArePushedThere()
    {
        using var collector = new TcpListener(System.Net.IPAddress.Loopback, 0);
        collector.Start();
        var otlp = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{((System.Net.IPEndPoint)collector.LocalEndpoint).Port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        };
        await using var gateway = ServiceProcess.Start("Gateway", otlp, "--address", "127.0.0.1", "--port", "0", "--http-port", "0");

        int port = await gateway.WaitForPortAsync();
        await using (LineClient client = await LineClient.ConnectAsync(port))
        {
            Assert.Equal("832040", await client.AskAsync("30")); // a grain call: spans to export
        }

        // Each export is a request of its own (the collector never answers, so the exporter reconnects).
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var paths = new HashSet<string>();
        while (!paths.IsSupersetOf(["/v1/metrics", "/v1/traces"]))
        {
            using Socket export = await collector.AcceptSocketAsync(timeout.Token);
            string request = await ReadHeadAsync(export, timeout.Token);
            Assert.Contains("Content-Type: application/x-protobuf", request, StringComparison.OrdinalIgnoreCase);
            paths.Add(request.Split(' ')[1]);
        }
    }

    private static async Task<string> ReadHeadAsync(Socket socket, CancellationToken cancellationToken)
    {
        var head = new System.Text.StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                break;
            }

            head.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
        }

        return head.ToString();
    }

    private static bool CanConnect(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
