namespace OrleansFib.Tests.Support;

/// <summary>Tests that share one in-process gateway.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayTestGroup : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
