namespace OrleansFib.Tests.Support;

/// <summary>What a Bench run in a namespace saw: answers, wrong answers, <c>ERR</c> lines, and the slowest answer.</summary>
internal sealed record LoadResult(long Answers, long Wrong, long Errors, double SlowestMs);
