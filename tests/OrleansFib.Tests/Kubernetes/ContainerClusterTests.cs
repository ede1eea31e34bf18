using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using OrleansFib.Tests.Support;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace OrleansFib.Tests.Kubernetes;

/// <summary>
/// The images, built as an operator builds them, run as the prod overlay's pods: Redis, two silos and a
/// gateway as containers (podman, runc) with the rendered environment, mutual TLS and the Redis password from
/// Secret files, and the pods' security contexts; each in a network namespace of its own, the client in
/// another. Everything made here, containers, images, namespaces and files, is removed, also on failure.
/// </summary>
[Trait(SlowSuite.Trait, SlowSuite.Value)]
public sealed class ContainerClusterTests(ITestOutputHelper output)
{
    private const string RedisAddress = "10.78.0.2";
    private const string GatewayAddress = "10.78.0.10";

    private static readonly Dictionary<string, string> Hosts = new()
    {
        ["redis"] = RedisAddress, ["gw"] = GatewayAddress, ["s1"] = "10.78.0.11", ["s2"] = "10.78.0.12", ["cl"] = "10.78.0.30",
    };

    [ContainersFact]
    public async Task TheImagesRunAsTheProdPodsAndServeThroughAKilledSiloAndStopCleanly()
    {
        IReadOnlyList<YamlMappingNode> prod = Kustomize.Build("prod");
        var redisPod = KubernetesPod.Of(prod, "StatefulSet", "orleansfib-redis");
        var siloPod = KubernetesPod.Of(prod, "Deployment", "orleansfib-silo");
        var gatewayPod = KubernetesPod.Of(prod, "Deployment", "orleansfib-gateway");

        // One core and one worker per silo on this 2-core machine.
        siloPod.Environment["DOTNET_PROCESSOR_COUNT"] = siloPod.Environment["FibGrain__Workers"] = "1";
        string redisName = siloPod.Environment["Cluster__Clustering"].Split(':')[1];
        var names = new Dictionary<string, string> { [redisName] = RedisAddress };

        string netnsPrefix;
        string[] built;
        await using (ContainerImages images = await ContainerImages.BuildAsync(output))
        {
            built = [images.BaseImage, images.Redis, images.Silo, images.Gateway];
            long baseSize = await ContainerImages.SizeAsync(images.BaseImage);
            foreach (string image in new[] { images.Silo, images.Gateway })
            {
                long size = await ContainerImages.SizeAsync(image);
                output.WriteLine($"{image}: {Megabytes(size)} MB, of which the application {Megabytes(size - baseSize)} MB over the base image");
            }

            using var pki = new TestCertificates("orleansfib cluster CA");
            string password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            var secrets = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["orleansfib-redis"] = new Dictionary<string, string> { ["password"] = password },
                ["orleansfib-silo-tls"] = CertificateSecret(pki, "orleansfib-silo"),
                ["orleansfib-gateway-tls"] = CertificateSecret(pki, "orleansfib-gateway"),
            };

            NetworkNamespaces net = await NetworkNamespaces.CreateAsync(Hosts, names);
            netnsPrefix = net.Namespace(string.Empty);
            await using (net)
            {
                var containers = new List<PodContainer>();
                try
                {
                    async Task<PodContainer> StartAsync(string host, KubernetesPod pod, string image, string listening)
                    {
                        var watch = Stopwatch.StartNew();
                        PodContainer container = await PodContainer.StartAsync(net, host, Hosts[host], pod, image, names, secrets);
                        lock (containers)
                        {
                            containers.Add(container);
                        }

                        await container.WaitForOutputAsync(new Regex(listening));
                        output.WriteLine($"{host}: {watch.Elapsed.TotalSeconds:0.0} s from podman run to /{listening}/");
                        return container;
                    }

                    PodContainer redis = await StartAsync("redis", redisPod, images.Redis, "Ready to accept connections");
                    PodContainer[] silos = await Task.WhenAll(
                        StartAsync("s1", siloPod, images.Silo, @"listening on \S+ \(operations"),
                        StartAsync("s2", siloPod, images.Silo, @"listening on \S+ \(operations"));
                    PodContainer gateway = await StartAsync("gw", gatewayPod, images.Gateway, @"listening on \S+ \(line protocol\)");

                    // fib(30) through the gateway from the client's namespace, every answer checked; s1 is killed (-9) mid-load.
                    Task<LoadResult> load = net.BenchAsync("cl", $"{GatewayAddress}:25000", connections: 4, n: 30, seconds: 20);
                    await net.WorkingAsync("s1");
                    await net.WorkingAsync("s2");
                    await silos[0].KillAsync("KILL");
                    Assert.Equal(137, await silos[0].WaitForExitAsync(TimeSpan.FromSeconds(30)));
                    long s2Before = await net.CompletedAsync("s2");
                    LoadResult result = await load;
                    output.WriteLine($"fib(30) × 4 connections, s1 killed: {result.Answers} answers, {result.Errors} ERR, {result.Wrong} wrong, slowest {result.SlowestMs:0} ms");
                    Assert.Equal(0, result.Wrong);
                    Assert.Equal(0, result.Errors);
                    Assert.True(await net.CompletedAsync("s2") > s2Before, "s2 took no work after s1 was killed");

                    // As the kubelet stops each pod: its preStop, then SIGTERM; exit 0 within the pod's grace period.
                    foreach (PodContainer container in new[] { gateway, silos[1], redis })
                    {
                        (int exitCode, TimeSpan took) = await container.StopAsync();
                        output.WriteLine($"{container.Name}: exit {exitCode} {took.TotalSeconds:0.0} s after its stop began (grace {container.Pod.GracePeriod.TotalSeconds:0} s)");
                        Assert.True(exitCode == 0, $"{container.Name} exited {exitCode}:\n{container.Output}");
                    }
                }
                finally
                {
                    foreach (PodContainer container in containers)
                    {
                        await container.DisposeAsync();
                    }
                }
            }

            Assert.Empty(net.Leftovers());
        }

        string containersLeft = await ContainerImages.Run(["podman", "ps", "--all", "--format", "{{.Names}}"]);
        Assert.DoesNotContain(netnsPrefix, containersLeft, StringComparison.Ordinal);
        string[] imagesLeft = (await ContainerImages.Run(["podman", "images", "--format", "{{.Repository}}:{{.Tag}}"])).Split('\n', StringSplitOptions.TrimEntries);
        Assert.Empty(built.Intersect(imagesLeft));
    }

    private static Dictionary<string, string> CertificateSecret(TestCertificates pki, string member)
    {
        (string certificate, string key) = pki.Issue(member);
        return new Dictionary<string, string>
        {
            ["tls.crt"] = File.ReadAllText(certificate), ["tls.key"] = File.ReadAllText(key), ["ca.crt"] = File.ReadAllText(pki.CaPath),
        };
    }

    private static string Megabytes(long bytes) => (bytes / 1_000_000.0).ToString("0", CultureInfo.InvariantCulture);
}
