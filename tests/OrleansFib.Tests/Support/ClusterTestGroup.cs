namespace OrleansFib.Tests.Support;

/// <summary>Tests that share one in-process cluster of three silos and a gateway.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterTestGroup : ICollectionFixture<TestCluster>
{
    public const string Name = "cluster";
}
