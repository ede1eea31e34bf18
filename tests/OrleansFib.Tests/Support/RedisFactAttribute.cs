namespace OrleansFib.Tests.Support;

/// <summary>A test that runs a real <c>redis-server</c> for cluster membership (and, with <see cref="Chromium"/>, a headless browser): skipped, saying why, where one is not installed.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/redis-server";

    public bool Chromium { get; set; }

    public override string? Skip
    {
        get => base.Skip
            ?? (!File.Exists(Path) ? "needs redis-server (Debian: apt-get install redis-server); .ci/run installs it" : null)
            ?? (Chromium && HeadlessChromium.Executable is null ? "needs Chromium (Debian: apt-get install chromium); .ci/run installs it" : null);
        set => base.Skip = value;
    }
}
