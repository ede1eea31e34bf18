using System.Buffers;
using System.Text;

namespace OrleansFib.Gateway.Protocol;

/// <summary>Reads one request line: an ASCII decimal n with optional spaces around it (and the <c>\r</c> of <c>\r\n</c>).</summary>
public static class RequestParser
{
    /// <summary>How much of a bad request is quoted back in the error.</summary>
    private const int QuotedLength = 32;

    /// <summary>Lines are at most the configured maximum length, which the options cap at this.</summary>
    public const int MaxSupportedLineLength = 4096;

    public static ParsedRequest Parse(in ReadOnlySequence<byte> line)
    {
        if (line.IsSingleSegment)
        {
            return Parse(line.FirstSpan);
        }

        Span<byte> copy = stackalloc byte[(int)Math.Min(line.Length, MaxSupportedLineLength)];
        line.Slice(0, copy.Length).CopyTo(copy);
        return Parse(copy);
    }

    public static ParsedRequest Parse(ReadOnlySpan<byte> line)
    {
        ReadOnlySpan<byte> text = line.Trim(" \t\r"u8);
        if (text.IsEmpty)
        {
            return ParsedRequest.Invalid("empty request");
        }

        if (!Ascii.IsValid(text))
        {
            return ParsedRequest.Invalid("request is not ASCII");
        }

        bool negative = text[0] == (byte)'-';
        ReadOnlySpan<byte> digits = negative ? text[1..] : text;
        if (digits.IsEmpty || digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            return ParsedRequest.Invalid($"not a number: \"{Quote(text)}\"");
        }

        if (negative)
        {
            return ParsedRequest.Invalid("n must be >= 0");
        }

        long n = 0;
        foreach (byte digit in digits)
        {
            n = (n * 10) + (digit - '0');
            if (n > int.MaxValue)
            {
                return ParsedRequest.Invalid($"n={Quote(digits)} is too large");
            }
        }

        return new ParsedRequest((int)n, null);
    }

    /// <summary>The text as a client sees it quoted back: printable, short.</summary>
    private static string Quote(ReadOnlySpan<byte> text)
    {
        var quoted = new StringBuilder(Math.Min(text.Length, QuotedLength) + 3);
        foreach (byte b in text[..Math.Min(text.Length, QuotedLength)])
        {
            if (b is >= 0x20 and < 0x7f and not (byte)'"' and not (byte)'\\')
            {
                quoted.Append((char)b);
            }
            else
            {
                quoted.Append(b == (byte)'"' ? "\\\"" : b == (byte)'\\' ? "\\\\" : $"\\x{b:x2}");
            }
        }

        return text.Length > QuotedLength ? quoted.Append("...").ToString() : quoted.ToString();
    }
}
