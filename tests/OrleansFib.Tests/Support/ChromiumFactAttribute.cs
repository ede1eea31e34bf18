namespace OrleansFib.Tests.Support;

/// <summary>A test that drives headless Chromium: skipped, saying why, where the browser is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Executable is null)
        {
            Skip = "needs Chromium (Debian: apt-get install chromium); .ci/run installs it";
        }
    }
}
