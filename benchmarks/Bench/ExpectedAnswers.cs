using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace OrleansFib.Bench;

/// <summary>What a correct server answers to n: F(n) in decimal and a newline, computed here, independently of any server.</summary>
public static class ExpectedAnswers
{
    private static readonly ConcurrentDictionary<int, byte[]> Cache = new();

    public static byte[] For(int n) => Cache.GetOrAdd(n, static n =>
    {
        BigInteger a = 0, b = 1;
        for (int i = 0; i < n; i++)
        {
            (a, b) = (b, a + b);
        }

        return Encoding.ASCII.GetBytes(a.ToString(CultureInfo.InvariantCulture) + "\n");
    });
}
