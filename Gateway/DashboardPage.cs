namespace OrleansFib.Gateway;

/// <summary>The live dashboard: one static page (no build step, nothing from the internet) that reads <c>/stats</c> and <c>/metrics</c>.</summary>
internal static class DashboardPage
{
    public static string Html { get; } = Load();

    private static string Load()
    {
        using Stream page = typeof(DashboardPage).Assembly.GetManifestResourceStream("dashboard.html")
            ?? throw new InvalidOperationException("The dashboard page is not embedded in the gateway.");
        using var reader = new StreamReader(page);
        return reader.ReadToEnd();
    }
}
