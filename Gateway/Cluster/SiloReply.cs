using OrleansFib.Grains;

namespace OrleansFib.Gateway.Cluster;

/// <summary>A silo's answer and the load it reported with it.</summary>
public readonly record struct SiloReply(FibNumber Value, long? Load);
