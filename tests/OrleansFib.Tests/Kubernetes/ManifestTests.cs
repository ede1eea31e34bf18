using System.Globalization;
using System.Reflection;
using OrleansFib.Gateway;
using OrleansFib.Gateway.Routing;
using OrleansFib.Grains;
using OrleansFib.Hosting;
using OrleansFib.Silo;
using OrleansFib.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace OrleansFib.Tests.Kubernetes;

/// <summary>
/// The rendered overlays, read as Kubernetes would: what the objects refer to exists, and what the
/// containers are told is what the programs read. Checked offline: no cluster runs here.
/// </summary>
[Trait(SlowSuite.Trait, SlowSuite.Value)]
public sealed class ManifestTests
{
    public static TheoryData<string> Overlays => ["dev", "prod"];

    [KustomizeTheory]
    [MemberData(nameof(Overlays))]
    public void EveryOverlayRendersTheWholeService(string overlay)
    {
        IReadOnlyList<YamlMappingNode> objects = Kustomize.Build(overlay);

        string[] expected = ["ConfigMap/orleansfib-gateway", "ConfigMap/orleansfib-silo", "Deployment/orleansfib-gateway", "Deployment/orleansfib-silo",
            "Namespace/orleansfib", "NetworkPolicy/orleansfib-gateway", "NetworkPolicy/orleansfib-silo", "PodDisruptionBudget/orleansfib-gateway",
            "PodDisruptionBudget/orleansfib-silo", "Service/orleansfib-gateway", "Service/orleansfib-redis", "StatefulSet/orleansfib-redis",
            "NetworkPolicy/orleansfib-redis", "ServiceAccount/orleansfib"];
        Assert.Subset(objects.Select(o => $"{o.Kind()}/{o.Name()}").ToHashSet(), expected.ToHashSet());
        Assert.All(objects.Where(o => o.Kind() != "Namespace"), o => Assert.Equal("orleansfib", o.Text("metadata.namespace")));
        Assert.Equal("false", Single(objects, "ServiceAccount", "orleansfib").Text("automountServiceAccountToken"));
        YamlNode gateway = Single(objects, "Service", "orleansfib-gateway");
        Assert.Equal("LoadBalancer", gateway.Text("spec.type"));
        Assert.Equal("25000", gateway.Items("spec.ports").Single().Text("port"));
    }

    [KustomizeTheory]
    [MemberData(nameof(Overlays))]
    public void ServicesSelectPodsAndTargetNamedContainerPorts(string overlay)
    {
        IReadOnlyList<YamlMappingNode> objects = Kustomize.Build(overlay);

        foreach (YamlNode service in objects.Where(o => o.Kind() == "Service"))
        {
            YamlNode pods = PodsSelectedBy(objects, service.Map("spec.selector"));
            string[] portNames = [.. Containers(pods).SelectMany(c => c.Items("ports")).Select(p => p.Text("name")!)];
            Assert.All(service.Items("spec.ports"), port => Assert.Contains(port.Text("targetPort"), portNames));
        }

        foreach (YamlNode selecting in objects.Where(o => o.Kind() is "PodDisruptionBudget" or "NetworkPolicy"))
        {
            Assert.NotNull(PodsSelectedBy(objects, selecting.Map(selecting.Kind() == "NetworkPolicy" ? "spec.podSelector.matchLabels" : "spec.selector.matchLabels")));
        }
    }

    [KustomizeTheory]
    [MemberData(nameof(Overlays))]
    public void ProbesAskWhatTheProgramsServeWhereTheyServeIt(string overlay)
    {
        IReadOnlyList<YamlMappingNode> objects = Kustomize.Build(overlay);

        foreach ((string deployment, string portSetting) in new[] { ("orleansfib-silo", "Silo__HttpPort"), ("orleansfib-gateway", "Gateway__HttpPort") })
        {
            YamlNode container = Containers(Single(objects, "Deployment", deployment)).Single();
            Dictionary<string, string> environment = KubernetesPod.EnvironmentOf(objects, container);
            string operationsPort = container.Items("ports").Single(p => p.Text("name") == "operations").Text("containerPort")!;
            Assert.Equal(environment[portSetting], operationsPort);
            foreach ((string probe, string path) in new[] { ("startupProbe", "/health/startup"), ("readinessProbe", "/health/ready"), ("livenessProbe", "/health/live") })
            {
                Assert.Equal(path, container.Text($"{probe}.httpGet.path"));
                Assert.Equal("operations", container.Text($"{probe}.httpGet.port"));
            }
        }
    }

    [KustomizeTheory]
    [MemberData(nameof(Overlays))]
    public void EveryEnvironmentVariableIsOneTheProgramsRead(string overlay)
    {
        IReadOnlyList<YamlMappingNode> objects = Kustomize.Build(overlay);
        string[] cluster = [.. Settings<OrleansHostingOptions>(OrleansHostingOptions.SectionName)];
        HashSet<string> gatewayReads = [.. Settings<GatewayOptions>(GatewayOptions.SectionName), .. Settings<RoutingOptions>(RoutingOptions.SectionName), .. Settings<FibGrainOptions>(FibGrainOptions.SectionName), .. cluster];
        HashSet<string> siloReads = [.. Settings<SiloOptions>(SiloOptions.SectionName), .. Settings<FibGrainOptions>(FibGrainOptions.SectionName), .. cluster];

        foreach ((string deployment, HashSet<string> reads) in new[] { ("orleansfib-gateway", gatewayReads), ("orleansfib-silo", siloReads) })
        {
            foreach (string variable in KubernetesPod.EnvironmentOf(objects, Containers(Single(objects, "Deployment", deployment)).Single()).Keys)
            {
                bool read = reads.Contains(variable) || variable.StartsWith("Logging__", StringComparison.Ordinal)
                    || variable.StartsWith("DOTNET_", StringComparison.Ordinal) || variable.StartsWith("OTEL_", StringComparison.Ordinal);
                Assert.True(read, $"{deployment} is given {variable}, which it does not read");
            }
        }
    }

    [KustomizeTheory]
    [MemberData(nameof(Overlays))]
    public void SilosAndGatewaysJoinTheClusterWhoseMembershipIsInTheRedisService(string overlay)
    {
        IReadOnlyList<YamlMappingNode> objects = Kustomize.Build(overlay);
        YamlNode redis = Single(objects, "Service", "orleansfib-redis");
        string redisPort = redis.Items("spec.ports").Single(p => p.Text("name") == "redis").Text("port")!;
        string expected = $"redis:{redis.Name()}.{redis.Text("metadata.namespace")}.svc.cluster.local:{redisPort}";

        foreach (string deployment in new[] { "orleansfib-gateway", "orleansfib-silo" })
        {
            string clustering = KubernetesPod.EnvironmentOf(objects, Containers(Single(objects, "Deployment", deployment)).Single())["Cluster__Clustering"];
            Assert.Equal(expected, clustering);
            Assert.True(ClusteringAddress.TryParse(clustering, out _), clustering);
        }
    }

    [KustomizeTheory]
    [InlineData("prod")]
    public void InProductionRedisKeepsTheMembershipOnAPersistentVolume(string overlay)
    {
        YamlNode redis = Single(Kustomize.Build(overlay), "StatefulSet", "orleansfib-redis");
        YamlNode container = Containers(redis).Single();

        Assert.Contains("--appendonly", container.Items("args").Select(arg => arg.ToString()));
        string mounted = container.Items("volumeMounts").Single(mount => mount.Text("mountPath") == "/data").Text("name")!;
        Assert.Contains(mounted, redis.Items("spec.volumeClaimTemplates").Select(claim => claim.Text("metadata.name")));
    }

    [KustomizeTheory]
    [InlineData("prod")]
    public void InProductionSilosAndGatewaysUseMutualTlsAndTheRedisPasswordFromMountedSecrets(string overlay)
    {
        IReadOnlyList<YamlMappingNode> objects = Kustomize.Build(overlay);
        Dictionary<string, YamlMappingNode> certificates = objects.Where(o => o.Kind() == "Certificate").ToDictionary(o => o.Name());
        string ca = certificates["orleansfib-ca"].Text("spec.secretName")!;
        Assert.Equal("true", certificates["orleansfib-ca"].Text("spec.isCA"));
        Assert.Equal(ca, objects.Single(o => o.Kind() == "Issuer" && o.Text("spec.ca.secretName") is not null).Text("spec.ca.secretName"));

        foreach (string role in new[] { "silo", "gateway" })
        {
            YamlNode deployment = Single(objects, "Deployment", $"orleansfib-{role}");
            YamlNode container = Containers(deployment).Single();
            Dictionary<string, string> environment = KubernetesPod.EnvironmentOf(objects, container);

            // Each file the settings name lies in a read-only mount of the Secret that holds it.
            string certificateSecret = certificates[$"orleansfib-{role}-tls"].Text("spec.secretName")!;
            Assert.Contains("client auth", certificates[$"orleansfib-{role}-tls"].Items("spec.usages").Select(usage => usage.ToString()));
            foreach ((string setting, string secret, string key) in new[]
            {
                ("Cluster__Tls__CertificatePath", certificateSecret, "tls.crt"), ("Cluster__Tls__KeyPath", certificateSecret, "tls.key"),
                ("Cluster__Tls__CaPath", certificateSecret, "ca.crt"), ("Cluster__RedisPasswordFile", "orleansfib-redis", "password"),
            })
            {
                string path = environment[setting];
                Assert.Equal(key, Path.GetFileName(path));
                YamlNode mount = container.Items("volumeMounts").Single(m => m.Text("mountPath") == Path.GetDirectoryName(path));
                Assert.Equal("true", mount.Text("readOnly"));
                YamlNode volume = deployment.Items("spec.template.spec.volumes").Single(v => v.Text("name") == mount.Text("name"));
                Assert.Equal(secret, volume.Text("secret.secretName"));

                // The kubelet makes a Secret's files root's, of group fsGroup if the pod sets one: the pod's user reads them through it, or as anyone.
                const int OthersRead = 0x4, GroupRead = 0x20;
                int mode = int.Parse(volume.Text("secret.defaultMode") ?? "420", CultureInfo.InvariantCulture);
                Assert.True((mode & OthersRead) != 0 || ((mode & GroupRead) != 0 && deployment.Text("spec.template.spec.securityContext.fsGroup") is not null),
                    $"{role}: the pod's user cannot read {path}");
            }
        }

        // Redis asks for the password of the same Secret (and its probe gives it).
        YamlNode redis = Containers(Single(objects, "StatefulSet", "orleansfib-redis")).Single();
        List<string> args = [.. redis.Items("args").Select(arg => arg.ToString())];
        Assert.Equal("$(REDIS_PASSWORD)", args[args.IndexOf("--requirepass") + 1]);
        Assert.All(redis.Items("env"), variable => Assert.Equal(("orleansfib-redis", "password"), (variable.Text("valueFrom.secretKeyRef.name"), variable.Text("valueFrom.secretKeyRef.key"))));
    }

    [KustomizeTheory]
    [MemberData(nameof(Overlays))]
    public void PodsAreSizedStoppedAndLockedDownAsTheProgramsExpect(string overlay)
    {
        IReadOnlyList<YamlMappingNode> objects = Kustomize.Build(overlay);

        foreach (YamlNode deployment in objects.Where(o => o.Kind() == "Deployment"))
        {
            YamlNode container = Containers(deployment).Single();
            Dictionary<string, string> environment = KubernetesPod.EnvironmentOf(objects, container);
            int cores = (int)Math.Ceiling(Cpu(container.Text("resources.requests.cpu")!));
            Assert.Null(container.At("resources.limits.cpu"));
            Assert.NotNull(container.Text("resources.limits.memory"));
            Assert.Equal(cores.ToString(CultureInfo.InvariantCulture), environment["DOTNET_PROCESSOR_COUNT"]);
            Assert.Equal(cores.ToString(CultureInfo.InvariantCulture), environment["FibGrain__Workers"]);

            string drainSetting = deployment.Name() == "orleansfib-silo" ? "Silo__DrainTimeout" : "Gateway__DrainTimeout";
            double preStop = double.Parse(container.Items("lifecycle.preStop.exec.command").Last().ToString(), CultureInfo.InvariantCulture);
            double grace = double.Parse(deployment.Text("spec.template.spec.terminationGracePeriodSeconds")!, CultureInfo.InvariantCulture);
            Assert.True(grace > preStop + TimeSpan.Parse(environment[drainSetting], CultureInfo.InvariantCulture).TotalSeconds, $"{deployment.Name()}: grace period too short");

            Assert.Equal("0", deployment.Text("spec.strategy.rollingUpdate.maxUnavailable"));
            Assert.Equal("true", deployment.Text("spec.template.spec.securityContext.runAsNonRoot"));
            Assert.Equal("true", container.Text("securityContext.readOnlyRootFilesystem"));
            Assert.Equal("false", container.Text("securityContext.allowPrivilegeEscalation"));
            Assert.NotEmpty(deployment.Items("spec.template.spec.topologySpreadConstraints"));
            Assert.Contains("app.kubernetes.io/component", deployment.Map("spec.template.metadata.labels").Keys);
        }
    }

    [KustomizeTheory]
    [InlineData("prod")]
    public void ProductionScalesSilosOnCpu(string overlay)
    {
        IReadOnlyList<YamlMappingNode> objects = Kustomize.Build(overlay);
        YamlNode autoscaler = Single(objects, "HorizontalPodAutoscaler", "orleansfib-silo");

        Assert.Equal("orleansfib-silo", autoscaler.Text("spec.scaleTargetRef.name"));
        Assert.Equal("3", autoscaler.Text("spec.minReplicas"));
        Assert.Equal("20", autoscaler.Text("spec.maxReplicas"));
        Assert.Equal("cpu", autoscaler.Items("spec.metrics").Single().Text("resource.name"));
        Assert.Equal("2", Single(objects, "Deployment", "orleansfib-gateway").Text("spec.replicas"));
    }

    [KustomizeTheory]
    [MemberData(nameof(Overlays))]
    public void EveryObjectValidatesAgainstTheKubernetesSchemas(string overlay)
    {
        (int exitCode, string output) = Kustomize.Run("node", ["validate.mjs"], Kustomize.Render(overlay));

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("INVALID", output, StringComparison.Ordinal);
    }

    [YamllintFact]
    public void TheManifestsPassYamllint()
    {
        (int exitCode, string output) = Kustomize.Run(YamllintFactAttribute.Path, ["-s", "-c", ".yamllint", "."]);

        Assert.True(exitCode == 0, output);
    }

    /// <summary>What a Deployment's container is given: its ConfigMaps' data and its own variables.</summary>
    private static YamlNode Single(IEnumerable<YamlNode> objects, string kind, string name) => objects.Single(o => o.Kind() == kind && o.Name() == name);

    private static IEnumerable<YamlNode> Containers(YamlNode deployment) => deployment.Items("spec.template.spec.containers");

    private static YamlNode PodsSelectedBy(IEnumerable<YamlNode> objects, Dictionary<string, string> selector) =>
        objects.Single(o => o.Kind() is "Deployment" or "StatefulSet" && selector.All(label => o.Map("spec.template.metadata.labels").GetValueOrDefault(label.Key) == label.Value));

    /// <summary>The environment variables an options class binds: Section__Property.</summary>
    private static IEnumerable<string> Settings<TOptions>(string section) => Settings(typeof(TOptions), section);

    private static IEnumerable<string> Settings(Type options, string section) =>
        options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).SelectMany(p =>
            p.PropertyType.IsClass && p.PropertyType != typeof(string) ? Settings(p.PropertyType, $"{section}__{p.Name}") : [$"{section}__{p.Name}"]);

    private static double Cpu(string quantity) => quantity.EndsWith('m')
        ? double.Parse(quantity[..^1], CultureInfo.InvariantCulture) / 1000
        : double.Parse(quantity, CultureInfo.InvariantCulture);
}
