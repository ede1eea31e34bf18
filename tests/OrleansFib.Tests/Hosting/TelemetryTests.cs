using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OrleansFib.Hosting;

namespace OrleansFib.Tests.Hosting;

public sealed class TelemetryTests
{
    [Theory]
    [InlineData(null, "orleansfib-silo")]
    [InlineData("silo2", "silo2")] // Aspire names each process it starts
    public void TheServiceIsNamedByOtelServiceNameWhereItIsSet(string? environment, string expected)
    {
        string? before = Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME");
        Environment.SetEnvironmentVariable("OTEL_SERVICE_NAME", environment);
        try
        {
            using ServiceProvider services = new ServiceCollection().AddTelemetry("orleansfib-silo").BuildServiceProvider();
            object? name = services.GetRequiredService<MeterProvider>().GetResource().Attributes.Single(attribute => attribute.Key == "service.name").Value;
            Assert.Equal(expected, name);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OTEL_SERVICE_NAME", before);
        }
    }
}
