using System.Diagnostics;

namespace OrleansFib.Tests.Support;

/// <summary>Debian's Chromium, headless, as the workplace runs it: no sandbox (root), no GPU, no background network, a fresh profile.</summary>
internal static class HeadlessChromium
{
    /// <summary>The browser, or null where it is not installed (Debian: <c>apt-get install chromium</c>; <c>.ci/run</c> does).</summary>
    public static string? Executable { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    /// <summary>The page's DOM after it has run for <paramref name="virtualMilliseconds"/> of (virtual) time.</summary>
    public static Task<string> DumpDomAsync(Uri page, int virtualMilliseconds) => RunAsync(page, virtualMilliseconds, "--dump-dom");

    public static Task<string> ScreenshotAsync(Uri page, int virtualMilliseconds, string path) =>
        RunAsync(page, virtualMilliseconds, $"--screenshot={path}", "--window-size=1280,900");

    private static async Task<string> RunAsync(Uri page, int virtualMilliseconds, params string[] mode)
    {
        string profile = Directory.CreateTempSubdirectory("orleansfib-chromium-").FullName;
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("Chromium is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic", $"--user-data-dir={profile}", $"--virtual-time-budget={virtualMilliseconds}", .. mode, page.ToString()])
        {
            start.ArgumentList.Add(arg);
        }

        using var browser = Process.Start(start)!;
        Task<string> output = browser.StandardOutput.ReadToEndAsync();
        _ = browser.StandardError.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await browser.WaitForExitAsync(timeout.Token);
            return await output;
        }
        finally
        {
            if (!browser.HasExited)
            {
                browser.Kill(entireProcessTree: true);
            }

            Directory.Delete(profile, recursive: true);
        }
    }
}
