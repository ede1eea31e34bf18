namespace OrleansFib.Bench;

/// <summary>How long each run lasts and how requests are sent.</summary>
public sealed record RunSettings(TimeSpan Warmup, TimeSpan Duration, TimeSpan Timeout, Framing Framing);
