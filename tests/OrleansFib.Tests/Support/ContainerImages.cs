using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace OrleansFib.Tests.Support;

/// <summary>
/// The silo and gateway images, built as docs/kubernetes.md says (<c>dotnet publish -t:PublishContainer</c>)
/// on a stand-in for Microsoft's ASP.NET base image, since <c>mcr.microsoft.com</c> cannot be reached here:
/// Debian's runtime dependencies (<c>mmdebstrap</c>) with this SDK's .NET and ASP.NET runtimes and the
/// <c>app</c> user (UID 1654), served to the SDK by a <c>docker-registry</c> on a loopback port. A Redis
/// image is made the same way from Debian's <c>redis-server</c>. The images (tagged for this test run), the
/// registry and its files are removed on dispose.
/// </summary>
internal sealed class ContainerImages : IAsyncDisposable
{
    private const string DotnetRoot = "/usr/share/dotnet";
    private const string SearchPath = "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static readonly string[] Tools = ["/usr/bin/podman", "/usr/sbin/runc", "/usr/bin/mmdebstrap", "/usr/bin/docker-registry"];
    private readonly string _tag = $"test-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
    private readonly string _files = Directory.CreateTempSubdirectory("orleansfib-images-").FullName;
    private readonly List<string> _images = [];
    private ServiceProcess? _registry;

    private ContainerImages()
    {
    }

    public static string? WhyNot => System.Environment.UserName == "root" && Tools.All(File.Exists) && Directory.Exists(Path.Combine(DotnetRoot, "shared")) ? null
        : $"needs root, podman, runc, mmdebstrap, docker-registry (Debian: apt-get install podman runc mmdebstrap docker-registry) and .NET in {DotnetRoot}; .ci/run installs them and runs as root";

    public string Silo => $"localhost/orleansfib/silo:{_tag}";

    public string Gateway => $"localhost/orleansfib/gateway:{_tag}";

    public string Redis => $"localhost/orleansfib-test/redis:{_tag}";

    /// <summary>The stand-in base image, as the SDK pulled it.</summary>
    public string BaseImage { get; private set; } = string.Empty;

    public static async Task<ContainerImages> BuildAsync(ITestOutputHelper output)
    {
        var images = new ContainerImages();
        try
        {
            int port = HostPorts.Free();
            string registry = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
            images.BaseImage = $"{registry}/dotnet/aspnet:10.0";
            await File.WriteAllTextAsync(Path.Combine(images._files, "registry.yml"), $"""
                version: 0.1
                storage:
                  filesystem:
                    rootdirectory: {images._files}/registry
                http:
                  addr: {registry}
                log:
                  level: warn
                """);
            images._registry = ServiceProcess.StartCommand(["docker-registry", "serve", Path.Combine(images._files, "registry.yml")]);

            var watch = Stopwatch.StartNew();
            images._images.AddRange([images.BaseImage, images.Redis, images.Silo, images.Gateway]);
            await Task.WhenAll(images.MakeBaseImageAsync(), images.MakeRedisImageAsync());
            output.WriteLine($"base images made from Debian's packages in {watch.Elapsed.TotalSeconds:0} s");
            foreach (string project in new[] { "Silo", "Gateway" })
            {
                watch.Restart();
                // Built under the test's folder (--artifacts-path): the work tree's bin and obj are left as they were.
                await Run(["dotnet", "publish", Path.Combine(Kustomize.Root, project), "-c", "Release", "-r", "linux-x64", "-t:PublishContainer", "-nologo",
                    "--artifacts-path", Path.Combine(images._files, "artifacts"),
                    $"-p:ContainerBaseImage={images.BaseImage}", $"-p:ContainerImageTag={images._tag}", "-p:LocalRegistry=Podman"],
                    new Dictionary<string, string> { ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = registry });
                output.WriteLine($"{project} image published in {watch.Elapsed.TotalSeconds:0} s");
            }

            return images;
        }
        catch
        {
            await images.DisposeAsync();
            throw;
        }
    }

    /// <summary>An image's size in bytes, as podman stores it (uncompressed).</summary>
    public static async Task<long> SizeAsync(string image) =>
        long.Parse((await Run(["podman", "image", "inspect", "--format", "{{.Size}}", image])).Trim(), CultureInfo.InvariantCulture);

    /// <summary>Runs a command to its end; its output, or an exception with it if the command failed.</summary>
    public static async Task<string> Run(IReadOnlyList<string> command, IReadOnlyDictionary<string, string>? environment = null)
    {
        await using ServiceProcess process = ServiceProcess.StartCommand(command, environment);
        int exitCode = await process.WaitForExitAsync(TimeSpan.FromMinutes(5));
        return exitCode == 0 ? process.Output : throw new InvalidOperationException($"{string.Join(' ', command)} failed ({exitCode}):\n{process.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (string image in _images)
        {
            await using ServiceProcess remove = ServiceProcess.StartCommand(["podman", "rmi", "--force", image]);
            await remove.WaitForExitAsync(TimeSpan.FromMinutes(1));
        }

        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        Directory.Delete(_files, recursive: true);
    }

    /// <summary>Debian with what .NET needs (the packages of Microsoft's runtime-deps image), this SDK's runtimes, and the "app" user.</summary>
    private async Task MakeBaseImageAsync()
    {
        string rootfs = Path.Combine(_files, "aspnet.tar");
        await Run(["mmdebstrap", "--variant=essential", "--include=ca-certificates,libgcc-s1,libicu72,libssl3,libstdc++6,tzdata,zlib1g",
            $"--customize-hook=mkdir -p \"$1{DotnetRoot}\" && cp -a {DotnetRoot}/dotnet {DotnetRoot}/host {DotnetRoot}/shared \"$1{DotnetRoot}/\" && ln -s {DotnetRoot}/dotnet \"$1/usr/bin/dotnet\"",
            "--customize-hook=echo 'app:x:1654:1654::/home/app:/usr/sbin/nologin' >> \"$1/etc/passwd\" && echo 'app:x:1654:' >> \"$1/etc/group\" && mkdir -p \"$1/home/app\" && chown 1654:1654 \"$1/home/app\"",
            "bookworm", rootfs]);
        await Run(["podman", "import", "--change", "ENV APP_UID=1654", "--change", "ENV DOTNET_RUNNING_IN_CONTAINER=true",
            "--change", SearchPath, "--change", "USER 1654", rootfs, BaseImage]);
        await Run(["podman", "push", "--quiet", "--tls-verify=false", BaseImage]);
        File.Delete(rootfs);
    }

    /// <summary>A stand-in for the <c>redis</c> image: its entry point is <c>redis-server</c>, which the manifest's arguments follow.</summary>
    private async Task MakeRedisImageAsync()
    {
        string rootfs = Path.Combine(_files, "redis.tar");
        await Run(["mmdebstrap", "--variant=essential", "--include=redis-server", "bookworm", rootfs]);
        await Run(["podman", "import", "--change", "ENTRYPOINT [\"redis-server\"]", "--change", SearchPath, rootfs, Redis]);
        File.Delete(rootfs);
    }
}
