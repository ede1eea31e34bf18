namespace OrleansFib.Gateway;

/// <summary>One silo in <c>/stats</c>.</summary>
internal sealed record GatewaySiloStatistics(string Authority, bool Ejected, long InFlightCost, long Calls, long Failures);
