namespace OrleansFib.Tests.Support;

/// <summary>One exported span, as much of it as tests look at.</summary>
internal sealed record CollectedSpan(string Service, string Scope, string Name, string TraceId);
