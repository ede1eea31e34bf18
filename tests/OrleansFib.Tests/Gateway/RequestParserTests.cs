using System.Text;
using OrleansFib.Gateway.Protocol;

namespace OrleansFib.Tests.Gateway;

public sealed class RequestParserTests
{
    [Theory]
    [InlineData("30", 30)]
    [InlineData("0", 0)]
    [InlineData("  42  ", 42)]
    [InlineData("\t7\r", 7)]
    [InlineData("0005", 5)]
    [InlineData("2147483647", int.MaxValue)]
    public void NumbersAreRead(string line, int n)
    {
        Assert.Equal(new ParsedRequest(n, null), Parse(line));
    }

    [Theory]
    [InlineData("abc", "not a number: \"abc\"")]
    [InlineData("3 0", "not a number: \"3 0\"")]
    [InlineData("1.5", "not a number: \"1.5\"")]
    [InlineData("+3", "not a number: \"+3\"")]
    [InlineData("-", "not a number: \"-\"")]
    [InlineData("-5", "n must be >= 0")]
    [InlineData("", "empty request")]
    [InlineData(" \r", "empty request")]
    [InlineData("2147483648", "n=2147483648 is too large")]
    [InlineData("say \"hi\"\\", "not a number: \"say \\\"hi\\\"\\\\\"")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghij", "not a number: \"abcdefghijklmnopqrstuvwxyzabcdef...\"")]
    public void BadRequestsAreRefusedWithAReason(string line, string error)
    {
        Assert.Equal(ParsedRequest.Invalid(error), Parse(line));
    }

    [Fact]
    public void ControlCharactersAreQuotedEscaped()
    {
        Assert.Equal(ParsedRequest.Invalid("not a number: \"a\\x01b\""), RequestParser.Parse("a\u0001b"u8));
    }

    [Fact]
    public void NonAsciiBytesAreRefused()
    {
        Assert.Equal(ParsedRequest.Invalid("request is not ASCII"), RequestParser.Parse("3\u00e9"u8));
        Assert.Equal(ParsedRequest.Invalid("request is not ASCII"), RequestParser.Parse(new byte[] { 0xff, 0x31 }));
    }

    private static ParsedRequest Parse(string line) => RequestParser.Parse(Encoding.ASCII.GetBytes(line));
}
