namespace OrleansFib.Tests.Support;

/// <summary>
/// Tests whose outcome depends on threads being scheduled promptly (shares between ping-pong clients):
/// they run alone, not beside the suites that load both cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveGroup
{
    public const string Name = "timing-sensitive";
}
