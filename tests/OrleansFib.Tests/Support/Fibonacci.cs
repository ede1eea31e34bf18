using System.Numerics;

namespace OrleansFib.Tests.Support;

/// <summary>Reference values, computed the obvious way.</summary>
internal static class Fibonacci
{
    public static BigInteger Exact(int n)
    {
        BigInteger a = 0, b = 1;
        for (int i = 0; i < n; i++)
        {
            (a, b) = (b, a + b);
        }

        return a;
    }

    public static string Line(int n) => Exact(n).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
