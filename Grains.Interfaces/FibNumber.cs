using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace OrleansFib.Grains;

/// <summary>
/// An exact Fibonacci number. Values that fit in 64 bits (every answer of the naive kernel) are kept
/// unboxed so the hot path does not allocate; larger ones are a <see cref="BigInteger"/>.
/// </summary>
public readonly struct FibNumber : IEquatable<FibNumber>
{
    private readonly ulong _small;
    private readonly BigInteger? _big;

    public FibNumber(ulong value) => _small = value;

    public FibNumber(BigInteger value)
    {
        if (value.Sign >= 0 && value <= ulong.MaxValue)
        {
            _small = (ulong)value;
        }
        else
        {
            _big = value;
        }
    }

    public BigInteger ToBigInteger() => _big ?? _small;

    /// <summary>Writes the decimal digits, ASCII, with no terminator.</summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_big is { } big)
        {
            Encoding.ASCII.GetBytes(big.ToString(CultureInfo.InvariantCulture), writer);
            return;
        }

        Span<byte> span = writer.GetSpan(20);
        Utf8Formatter.TryFormat(_small, span, out int written);
        writer.Advance(written);
    }

    /// <summary>Parses decimal digits (as a client or a silo reply has them).</summary>
    public static FibNumber Parse(ReadOnlySpan<byte> digits) =>
        Utf8Parser.TryParse(digits, out ulong small, out int consumed) && consumed == digits.Length
            ? new FibNumber(small)
            : new FibNumber(BigInteger.Parse(Encoding.ASCII.GetString(digits), NumberStyles.None, CultureInfo.InvariantCulture));

    public override string ToString() => _big?.ToString(CultureInfo.InvariantCulture) ?? _small.ToString(CultureInfo.InvariantCulture);

    public bool Equals(FibNumber other) => _small == other._small && Nullable.Equals(_big, other._big);

    public override bool Equals(object? obj) => obj is FibNumber other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_small, _big);

    public static bool operator ==(FibNumber left, FibNumber right) => left.Equals(right);

    public static bool operator !=(FibNumber left, FibNumber right) => !left.Equals(right);
}
