namespace OrleansFib.Grains;

/// <summary>How F(n) is computed.</summary>
public enum FibAlgorithm
{
    /// <summary>The seeds' doubly recursive fib: 2·F(n)−1 calls, the benchmark's CPU workload.</summary>
    Naive,

    /// <summary>Fast doubling on <see cref="System.Numerics.BigInteger"/>: exact answers for large n, little work.</summary>
    Fast,
}
