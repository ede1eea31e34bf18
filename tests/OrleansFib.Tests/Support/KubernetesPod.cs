using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace OrleansFib.Tests.Support;

/// <summary>
/// The pod of a rendered Deployment or StatefulSet (its one container) as <c>podman run</c> arguments, the way
/// the kubelet would start it: the pod's user and group, the container's lock-down (read-only root, no
/// capabilities, no privilege escalation), its memory limit, its environment (ConfigMaps, values, the pod IP,
/// Secret keys) and its arguments with <c>$(VAR)</c> expanded; <c>emptyDir</c> and claimed volumes as tmpfs,
/// Secret volumes as read-only folders of the test's values, with the owner (root, group <c>fsGroup</c>) and
/// mode (<c>defaultMode</c>) the kubelet gives their files.
/// </summary>
internal sealed partial class KubernetesPod
{
    private readonly YamlNode _pod;
    private readonly YamlNode _container;

    private KubernetesPod(YamlNode workload, IReadOnlyList<YamlMappingNode> objects)
    {
        _pod = workload.At("spec.template.spec")!;
        _container = _pod.Items("containers").Single();
        GracePeriod = TimeSpan.FromSeconds(int.Parse(_pod.Text("terminationGracePeriodSeconds") ?? "30", CultureInfo.InvariantCulture));
        Environment = EnvironmentOf(objects, _container);
    }

    /// <summary>The container's environment: its ConfigMaps, then its own values; the test may change it before <see cref="RunArguments"/>.</summary>
    public Dictionary<string, string> Environment { get; }

    public TimeSpan GracePeriod { get; }

    /// <summary>The container's preStop command; empty if it has none.</summary>
    public IEnumerable<string> PreStop => _container.Items("lifecycle.preStop.exec.command").Select(part => ((YamlScalarNode)part).Value!);

    public static KubernetesPod Of(IReadOnlyList<YamlMappingNode> objects, string kind, string name) => new(Single(objects, kind, name), objects);

    /// <summary>
    /// What follows <c>podman run</c>: the options, then <paramref name="image"/> and the container's arguments.
    /// <paramref name="secrets"/> holds each Secret's keys (name → key → value); their files are written under <paramref name="files"/>.
    /// </summary>
    public List<string> RunArguments(string image, string podIp, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> secrets, string files)
    {
        var environment = new Dictionary<string, string>(Environment, StringComparer.Ordinal);
        foreach (YamlNode variable in _container.Items("env"))
        {
            string name = variable.Text("name")!;
            if (variable.Text("valueFrom.fieldRef.fieldPath") == "status.podIP")
            {
                environment[name] = podIp;
            }
            else if (variable.At("valueFrom.secretKeyRef") is { } key)
            {
                environment[name] = secrets[key.Text("name")!][key.Text("key")!];
            }
        }

        string user = _pod.Text("securityContext.runAsUser") ?? throw new InvalidOperationException("the pod names no user");
        Assert.True(_pod.Text("securityContext.runAsNonRoot") == "true" && user != "0", "the pod must run as a user other than root");
        List<string> run = ["--user", $"{user}:{_pod.Text("securityContext.runAsGroup") ?? "0"}"];
        if (_pod.Text("securityContext.fsGroup") is { } fsGroup)
        {
            run.AddRange(["--group-add", fsGroup]);
        }

        if (_container.Text("securityContext.readOnlyRootFilesystem") == "true")
        {
            run.Add("--read-only");
        }

        if (_container.Text("securityContext.allowPrivilegeEscalation") == "false")
        {
            run.AddRange(["--security-opt", "no-new-privileges"]);
        }

        foreach (YamlNode capability in _container.Items("securityContext.capabilities.drop"))
        {
            run.AddRange(["--cap-drop", ((YamlScalarNode)capability).Value!]);
        }

        if (_container.Text("resources.limits.memory") is { } memory)
        {
            run.AddRange(["--memory", memory.Replace("Mi", "m", StringComparison.Ordinal).Replace("Gi", "g", StringComparison.Ordinal)]);
        }

        foreach (YamlNode mount in _container.Items("volumeMounts"))
        {
            run.AddRange(Mount(mount, secrets, files));
        }

        // In a file, so that Secret values stay off podman's command line (Redis' --requirepass carries its own, as in the pod).
        string environmentFile = Path.Combine(files, $"env-{Guid.NewGuid():N}");
        File.WriteAllLines(environmentFile, environment.Select(variable => $"{variable.Key}={variable.Value}"));
        run.AddRange(["--env-file", environmentFile]);

        run.Add(image);
        run.AddRange(_container.Items("args").Select(arg => VariableReference().Replace(((YamlScalarNode)arg).Value!, match => environment[match.Groups[1].Value])));
        return run;
    }

    private IEnumerable<string> Mount(YamlNode mount, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> secrets, string files)
    {
        string path = mount.Text("mountPath")!;
        YamlNode? volume = _pod.Items("volumes").SingleOrDefault(v => v.Text("name") == mount.Text("name"));
        if (volume?.Text("secret.secretName") is not { } secretName)
        {
            // An emptyDir, or a StatefulSet's claim: a fresh folder the pod's user can write (an emptyDir is world-writable).
            return ["--tmpfs", $"{path}:rw,mode=1777"];
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Secret files get Linux owners and modes");
        }

        string folder = Directory.CreateDirectory(Path.Combine(files, $"{secretName}-{Guid.NewGuid():N}")).FullName;
        int group = int.Parse(_pod.Text("securityContext.fsGroup") ?? "0", CultureInfo.InvariantCulture);
        // The API's number (YAML's 0440 is rendered as 288); 0644 when none is given.
        var mode = (UnixFileMode)int.Parse(volume.Text("secret.defaultMode") ?? "420", CultureInfo.InvariantCulture);
        foreach ((string key, string value) in secrets[secretName])
        {
            string file = Path.Combine(folder, key);
            File.WriteAllText(file, value);
            File.SetUnixFileMode(file, mode);
            using var chown = System.Diagnostics.Process.Start("chown", [$"0:{group.ToString(CultureInfo.InvariantCulture)}", file]);
            chown.WaitForExit();
            Assert.Equal(0, chown.ExitCode);
        }

        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return ["--volume", $"{folder}:{path}:ro"];
    }

    /// <summary>A container's environment: its ConfigMaps (envFrom), then its own values (empty where they come from elsewhere).</summary>
    public static Dictionary<string, string> EnvironmentOf(IEnumerable<YamlNode> objects, YamlNode container)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (YamlNode source in container.Items("envFrom"))
        {
            foreach ((string key, string value) in Single(objects, "ConfigMap", source.Text("configMapRef.name")!).Map("data"))
            {
                environment[key] = value;
            }
        }

        foreach (YamlNode variable in container.Items("env"))
        {
            environment[variable.Text("name")!] = variable.Text("value") ?? string.Empty;
        }

        return environment;
    }

    private static YamlNode Single(IEnumerable<YamlNode> objects, string kind, string name) => objects.Single(o => o.Kind() == kind && o.Name() == name);

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex VariableReference();
}
