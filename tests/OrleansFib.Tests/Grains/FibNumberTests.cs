using System.Buffers;
using System.Numerics;
using System.Text;
using OrleansFib.Grains;
using OrleansFib.Tests.Support;

namespace OrleansFib.Tests.Grains;

public sealed class FibNumberTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(93)]
    [InlineData(94)]
    [InlineData(1000)]
    public void WrittenDigitsParseBackToTheSameNumber(int n)
    {
        var number = new FibNumber(Fibonacci.Exact(n));
        var written = new ArrayBufferWriter<byte>();

        number.WriteTo(written);
        FibNumber parsed = FibNumber.Parse(written.WrittenSpan);

        Assert.Equal(Fibonacci.Line(n), Encoding.ASCII.GetString(written.WrittenSpan));
        Assert.Equal(number, parsed);
        Assert.Equal(Fibonacci.Exact(n), parsed.ToBigInteger());
    }

    [Fact]
    public void SmallValuesCompareEqualWhicheverWayTheyWereMade()
    {
        Assert.Equal(new FibNumber(12200160415121876738UL), new FibNumber(BigInteger.Parse("12200160415121876738", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(new FibNumber(5UL), FibNumber.Parse("0005"u8));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12a")]
    [InlineData("-1")]
    public void AnythingButDigitsIsNotANumber(string text)
    {
        Assert.Throws<FormatException>(() => FibNumber.Parse(Encoding.ASCII.GetBytes(text)));
    }
}
