using System.Globalization;
using BenchmarkDotNet.Attributes;
using OrleansFib.Grains;

namespace OrleansFib.Benchmarks;

/// <summary>What one request costs the CPU, and what the cancellation check adds to the naive kernel.</summary>
[MemoryDiagnoser]
public class KernelBenchmarks : IDisposable
{
    // A live token: the check runs for real, it just never fires.
    private readonly CancellationTokenSource _live = new();

    // Fields, not constants, so the JIT cannot fold the calls away.
    private readonly int _naiveN = 30;
    private readonly int _fastN = 100_000;

    [Benchmark(Baseline = true, Description = "naive fib(30)")]
    public ulong Naive30() => FibKernels.Naive(_naiveN);

    [Benchmark(Description = "naive fib(30), cancellable")]
    public ulong Naive30Cancellable() => FibKernels.Naive(_naiveN, _live.Token);

    [Benchmark(Description = "fast fib(100000)")]
    public int Fast100000() => FibKernels.Fast(_fastN).GetBitLength() > 0 ? 1 : 0;

    [Benchmark(Description = "fast fib(100000) + decimal")]
    public int Fast100000Formatted() => FibKernels.Fast(_fastN).ToString(CultureInfo.InvariantCulture).Length;

    public void Dispose()
    {
        _live.Dispose();
        GC.SuppressFinalize(this);
    }
}
