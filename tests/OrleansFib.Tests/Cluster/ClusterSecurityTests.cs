using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using OrleansFib.Hosting;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Cluster;

/// <summary>
/// A hardened cluster as real processes on loopback: mutual TLS between silos and gateways, and an
/// authenticated Redis, tried by the peers an attacker or a misconfiguration would bring.
/// </summary>
[Trait(SlowSuite.Trait, SlowSuite.Value)]
public sealed class ClusterSecurityTests
{
    [RedisFact]
    public async Task ATlsClusterServesItsGatewayAndRefusesPlaintextAnotherCaAndGarbage()
    {
        using var pki = new TestCertificates("OrleansFib test CA");
        using var otherPki = new TestCertificates("Another CA");
        await using ProcessCluster cluster = await ProcessCluster.StartAsync(2, pki.Environment("member"));
        await using var load = new MixedLoad(cluster.Port, 4, 1, 30);
        await load.AnsweredAtLeastAsync(100);
        ServiceProcess silo = cluster.Silo(0);
        (int siloPort, int gatewayPort) = cluster.SiloPorts(0);
        string clustering = cluster.Redis.Clustering;

        // A gateway without TLS: its plaintext is refused, and logged once however often it retries.
        await using (var plaintext = ServiceProcess.Start("Gateway", "--address", "127.0.0.1", "--port", "0", "--http-port", "0", "--clustering", clustering))
        {
            await silo.WaitForOutputAsync(RefusedLine("127.0.0.1", "gateway", "no TLS handshake"));
        }

        // A gateway whose certificate another CA issued.
        await using (var stranger = ServiceProcess.Start("Gateway", otherPki.Environment("stranger"),
            "--address", "127.0.0.1", "--port", "0", "--http-port", "0", "--clustering", clustering))
        {
            await silo.WaitForOutputAsync(RefusedLine("127.0.0.1", "gateway", "certificate 'CN=stranger' issued by 'CN=Another CA'"));
        }

        // Garbage on the silo port and the gateway port, from peers of their own: closed and logged.
        await SendGarbageAsync(IPAddress.Parse("127.0.0.2"), siloPort);
        await SendGarbageAsync(IPAddress.Parse("127.0.0.3"), gatewayPort);
        await silo.WaitForOutputAsync(RefusedLine("127.0.0.2", "silo", "no TLS handshake"));
        await silo.WaitForOutputAsync(RefusedLine("127.0.0.3", "gateway", "no TLS handshake"));

        // The real clients never noticed.
        long answers = load.Answers;
        await load.AnsweredAtLeastAsync(answers + 100);
        await load.StopAsync();
        Assert.Empty(load.Errors);
        Assert.Single(RefusedLine("127.0.0.1", "gateway", "no TLS handshake").Matches(silo.Output));
    }

    [RedisFact]
    public async Task ARedisWithAPasswordIsJoinedWithThePasswordFromAFileAndAWrongOneEndsTheStart()
    {
        string password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        string passwordFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(passwordFile, password + "\n");
        try
        {
            var environment = new Dictionary<string, string> { ["Cluster__RedisPasswordFile"] = passwordFile };
            await using ProcessCluster cluster = await ProcessCluster.StartAsync(await RedisServer.StartWithPasswordAsync(password), 1, environment);
            await using (LineClient client = await LineClient.ConnectAsync(cluster.Port))
            {
                Assert.Equal(Fibonacci.Line(30), await client.AskAsync("30"));
            }

            await using var wrong = ServiceProcess.Start("Silo", "--address", "127.0.0.1", "--http-port", "0", "--advertise", "127.0.0.1",
                "--silo-port", Port(HostPorts.Free()), "--gateway-port", Port(HostPorts.Free()), "--clustering", cluster.Redis.Clustering + ",password=wrong");
            Assert.Equal(ServiceHost.ClusterUnavailableExitCode, await wrong.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("silo: cannot join the cluster: Redis at redis:127.0.0.1:", wrong.Output, StringComparison.Ordinal);
            Assert.Contains("refused this process's credentials", wrong.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("password=wrong", wrong.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(password, cluster.Gateway!.Output + cluster.Silo(0).Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    [RedisFact]
    public async Task WithoutRedisTheStartEndsWithinItsTimeoutWithOneClearLine()
    {
        await using var gateway = ServiceProcess.Start("Gateway", "--address", "127.0.0.1", "--port", "0", "--http-port", "0",
            "--clustering", $"redis:127.0.0.1:{Port(HostPorts.Free())}", "--Cluster:RedisStartTimeout=00:00:03");

        Assert.Equal(ServiceHost.ClusterUnavailableExitCode, await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Matches("gateway: cannot join the cluster: Redis at redis:127.0.0.1:[0-9]+ did not answer within 00:00:03", gateway.Output);
    }

    private static Regex RefusedLine(string peer, string port, string reason) =>
        new($@"Refused a connection from {Regex.Escape(peer)}:\d+ to the {port} port: {Regex.Escape(reason)}");

    private static async Task SendGarbageAsync(IPAddress from, int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(from, 0));
        await socket.ConnectAsync(IPAddress.Loopback, port);
        // Without a half-close: a peer that has already left is dropped by Orleans before any middleware
        // (TLS or the refusal log) runs, unread (docs/security.md).
        await socket.SendAsync(RandomNumberGenerator.GetBytes(4096));

        // The silo ends the connection (within its 10 s handshake timeout at worst): the read side sees the end or a reset.
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
            }
        }
        catch (SocketException)
        {
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the silo kept a connection of garbage from {from} open for 30 s");
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
