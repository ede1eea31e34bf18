namespace OrleansFib.Tests.Support;

/// <summary>A test that runs yamllint: skipped, saying why, where it is not installed.</summary>
public sealed class YamllintFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/yamllint";

    public YamllintFactAttribute()
    {
        if (!File.Exists(Path))
        {
            Skip = "needs yamllint (Debian: apt-get install yamllint); .ci/run installs it";
        }
    }
}
