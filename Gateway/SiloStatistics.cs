namespace OrleansFib.Gateway;

/// <summary>One silo in <c>/stats</c>.</summary>
internal sealed record SiloStatistics(string Authority, bool Ejected, long InFlightCost, long Calls, long Failures);
