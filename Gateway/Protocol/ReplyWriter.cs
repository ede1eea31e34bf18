using System.Buffers;
using System.Text;
using OrleansFib.Grains;

namespace OrleansFib.Gateway.Protocol;

/// <summary>Writes replies in the wire format: the decimal F(n) or <c>ERR reason</c>, each ending in <c>\n</c>; nothing for a cancelled request (its client is gone).</summary>
public static class ReplyWriter
{
    public static void Write(IBufferWriter<byte> output, in FibReply reply)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (reply.Outcome == FibOutcome.Cancelled)
        {
            return;
        }

        if (reply.IsAnswer)
        {
            reply.Value.WriteTo(output);
        }
        else
        {
            output.Write("ERR "u8);
            Encoding.ASCII.GetBytes(reply.Reason ?? FibOutcomeLabel.Of(reply.Outcome), output);
        }

        output.Write("\n"u8);
    }
}
