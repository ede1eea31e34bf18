using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace OrleansFib.Grains;

/// <summary>
/// An exact Fibonacci number. Values that fit in 64 bits (every answer of the naive kernel) are kept
/// unboxed so the hot path does not allocate; larger ones are kept as their decimal digits, because
/// converting a big number to decimal costs more than computing it (quadratic), so it is done once,
/// by the worker that computed it, and never again on a socket thread or after a network hop.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrleansFib.FibNumber")]
public readonly struct FibNumber : IEquatable<FibNumber>
{
    [Id(0)]
    private readonly ulong _small;

    [Id(1)]
    private readonly string? _digits;

    public FibNumber(ulong value) => _small = value;

    public FibNumber(BigInteger value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value.Sign);
        if (value <= ulong.MaxValue)
        {
            _small = (ulong)value;
        }
        else
        {
            _digits = value.ToString(CultureInfo.InvariantCulture);
        }
    }

    private FibNumber(string digits) => _digits = digits;

    /// <summary>The value as a number (a conversion for big values: for tests and callers that compute with it).</summary>
    public BigInteger ToBigInteger() => _digits is null ? _small : BigInteger.Parse(_digits, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Writes the decimal digits, ASCII, with no terminator.</summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_digits is not null)
        {
            Encoding.ASCII.GetBytes(_digits, writer);
            return;
        }

        Span<byte> span = writer.GetSpan(20);
        Utf8Formatter.TryFormat(_small, span, out int written);
        writer.Advance(written);
    }

    /// <summary>Reads decimal digits, as <see cref="WriteTo"/> wrote them.</summary>
    /// <exception cref="FormatException">Not a non-empty run of decimal digits.</exception>
    public static FibNumber Parse(ReadOnlySpan<byte> digits)
    {
        if (digits.IsEmpty || digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            throw new FormatException("A Fibonacci number is a non-empty run of decimal digits.");
        }

        return Utf8Parser.TryParse(digits, out ulong small, out int consumed) && consumed == digits.Length
            ? new FibNumber(small)
            : new FibNumber(Encoding.ASCII.GetString(digits.TrimStart((byte)'0')));
    }

    public override string ToString() => _digits ?? _small.ToString(CultureInfo.InvariantCulture);

    public bool Equals(FibNumber other) => _small == other._small && string.Equals(_digits, other._digits, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is FibNumber other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_small, _digits);

    public static bool operator ==(FibNumber left, FibNumber right) => left.Equals(right);

    public static bool operator !=(FibNumber left, FibNumber right) => !left.Equals(right);
}
