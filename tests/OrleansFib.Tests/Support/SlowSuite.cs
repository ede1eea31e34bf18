namespace OrleansFib.Tests.Support;

/// <summary>
/// The trait of suites that start processes, browsers or tool chains: the fast inner loop leaves them
/// out with <c>dotnet test --filter "Speed!=Slow"</c>; the full command runs everything.
/// </summary>
internal static class SlowSuite
{
    public const string Trait = "Speed";
    public const string Value = "Slow";
}
