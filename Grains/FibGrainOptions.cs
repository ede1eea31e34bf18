using System.ComponentModel.DataAnnotations;
namespace OrleansFib.Grains;

/// <summary>How a host runs its FibGrain workers (configuration section <c>FibGrain</c>).</summary>
public sealed class FibGrainOptions
{
    public const string SectionName = "FibGrain";

    /// <summary>The default limits per algorithm: naive fib(45) takes seconds of one core; fast fib(100 000) milliseconds, most of them writing its 20 899 digits.</summary>
    public static int DefaultMaxN(FibAlgorithm algorithm) => algorithm == FibAlgorithm.Naive ? 45 : 100_000;

    /// <summary>The highest limit each algorithm accepts: 64 bits for naive; for fast, a 209 000-digit answer that takes about a second to write in decimal.</summary>
    public static int CeilingMaxN(FibAlgorithm algorithm) => algorithm == FibAlgorithm.Naive ? FibKernels.NaiveCeiling : 1_000_000;

    public FibAlgorithm Algorithm { get; set; } = FibAlgorithm.Naive;

    /// <summary>The largest n served; unset means <see cref="DefaultMaxN"/> of the algorithm.</summary>
    public int? MaxN { get; set; }

    /// <summary>Dedicated compute threads, like Orleans' <c>MaxLocalWorkers</c>; 0 means one per core.</summary>
    [Range(0, 1024)]
    public int Workers { get; set; }

    /// <summary>Requests waiting for a worker; past this a request is answered <c>ERR busy</c>.</summary>
    [Range(1, int.MaxValue)]
    public int MaxQueueLength { get; set; } = 10_000;

    /// <summary>
    /// Requests that cost at most this (in naive calls, ~0.8 ns each) run on the caller's thread, with no
    /// queue hop: which thread computes, in any process. Where a request is computed (gateway or silo) is
    /// the gateway's <c>Routing:LocalMaxN</c>. Default: the cost of naive fib(20).
    /// </summary>
    [Range(0, long.MaxValue)]
    public long InlineMaxCost { get; set; } = FibCost.Naive(20);

    public int EffectiveMaxN => MaxN ?? DefaultMaxN(Algorithm);

    public int EffectiveWorkers => Workers > 0 ? Workers : Environment.ProcessorCount;
}
