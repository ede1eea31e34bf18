using System.Diagnostics;

namespace OrleansFib.Tests.Support;

/// <summary>
/// A <see cref="KubernetesPod"/> run by podman (runc) in a host's network namespace, attached so that its
/// output is read as a process's and <c>podman run</c> ends with the container's exit code. Removed on dispose
/// whatever state it is in.
/// </summary>
internal sealed class PodContainer : IAsyncDisposable
{
    private readonly ServiceProcess _run;

    private PodContainer(string name, KubernetesPod pod, ServiceProcess run)
    {
        Name = name;
        Pod = pod;
        _run = run;
    }

    public string Name { get; }

    public KubernetesPod Pod { get; }

    public string Output => _run.Output;

    /// <summary>
    /// Starts <paramref name="image"/> as <paramref name="pod"/> in <paramref name="host"/>'s namespace with the pod IP
    /// <paramref name="podIp"/>; <paramref name="hosts"/> go into its <c>/etc/hosts</c> (the cluster's DNS names).
    /// </summary>
    public static async Task<PodContainer> StartAsync(NetworkNamespaces net, string host, string podIp, KubernetesPod pod, string image,
        IReadOnlyDictionary<string, string> hosts, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> secrets)
    {
        string name = net.Namespace(host);
        string limits = await ContainerImages.Run(["bash", "-c", "ulimit -Hn; n=$(ulimit -Hu); p=$(cat /proc/sys/kernel/pid_max); echo $((n < p ? n : p))"]);
        string[] hard = limits.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        // runc: crun cannot run on this kernel's cgroups. The limits: podman's defaults are above the machine's hard
        // limits, and runc is refused a process limit above pid_max.
        List<string> command = ["podman", "run", "--rm", "--name", name, "--runtime", "runc", "--network", $"ns:/run/netns/{name}", "--hostname", host,
            "--ulimit", $"nofile={hard[0]}:{hard[0]}", "--ulimit", $"nproc={hard[1]}:{hard[1]}",
            .. hosts.SelectMany(entry => new[] { "--add-host", $"{entry.Key}:{entry.Value}" }),
            .. pod.RunArguments(image, podIp, secrets, net.Files)];
        return new PodContainer(name, pod, ServiceProcess.StartCommand(command));
    }

    public Task WaitForOutputAsync(System.Text.RegularExpressions.Regex pattern) => _run.WaitForOutputAsync(pattern);

    /// <summary><c>podman kill</c>: the signal goes to the container's first process.</summary>
    public Task KillAsync(string signal) => ContainerImages.Run(["podman", "kill", "--signal", signal, Name]);

    /// <summary>
    /// Stops it as the kubelet stops a pod: the preStop command (if any) in the container, then SIGTERM; the
    /// container's exit code and the time from the start of the stop to the exit, within the grace period.
    /// </summary>
    public async Task<(int ExitCode, TimeSpan Took)> StopAsync()
    {
        var watch = Stopwatch.StartNew();
        string[] preStop = [.. Pod.PreStop];
        if (preStop.Length > 0)
        {
            await ContainerImages.Run(["podman", "exec", Name, .. preStop]);
        }

        await KillAsync("TERM");
        int exitCode = await _run.WaitForExitAsync(TimeSpan.FromTicks(Math.Max(0, (Pod.GracePeriod - watch.Elapsed).Ticks)));
        return (exitCode, watch.Elapsed);
    }

    public Task<int> WaitForExitAsync(TimeSpan within) => _run.WaitForExitAsync(within);

    public async ValueTask DisposeAsync()
    {
        await using (ServiceProcess remove = ServiceProcess.StartCommand(["podman", "rm", "--force", "--time", "0", Name]))
        {
            await remove.WaitForExitAsync(TimeSpan.FromMinutes(1));
        }

        await _run.DisposeAsync();
    }
}
