using System.Buffers;
using System.Text;

namespace OrleansFib.Gateway.Protocol;

/// <summary>Writes replies in the wire format: the decimal F(n) or <c>ERR reason</c>, each ending in <c>\n</c>.</summary>
public static class ReplyWriter
{
    public static void Write(IBufferWriter<byte> output, in Reply reply)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (reply.IsNone)
        {
            return;
        }

        if (reply.Error is { } error)
        {
            output.Write("ERR "u8);
            Encoding.ASCII.GetBytes(error, output);
        }
        else
        {
            reply.Value.WriteTo(output);
        }

        output.Write("\n"u8);
    }
}
