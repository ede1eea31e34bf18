using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansFib.Tests.Support;

/// <summary>A real meter factory for types built by hand in tests, as the host's container would give them.</summary>
internal static class TestMeters
{
    public static IMeterFactory Factory { get; } = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
}
