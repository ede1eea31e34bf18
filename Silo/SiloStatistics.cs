using OrleansFib.Grains;

namespace OrleansFib.Silo;

/// <summary>What <c>/stats</c> answers: the silo's state and its worker pool's counters.</summary>
internal sealed record SiloStatistics(bool Draining, long InlineCompleted, FibWorkerPoolStatistics Pool);
