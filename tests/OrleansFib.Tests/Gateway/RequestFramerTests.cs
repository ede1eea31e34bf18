using System.Buffers;
using System.Text;
using OrleansFib.Gateway.Protocol;

namespace OrleansFib.Tests.Gateway;

public sealed class RequestFramerTests
{
    private const int MaxLineLength = 10;

    [Fact]
    public void BareReadIsOneRequest()
    {
        var state = default(FramerState);

        Assert.Equal(["30"], Frames(ref state, "30"));
        Assert.Equal(["1"], Frames(ref state, "1"));
        Assert.False(state.NewlineSeen);
    }

    [Fact]
    public void NewlinesEndRequestsAndPipelinedOnesAreAllRead()
    {
        var state = default(FramerState);

        Assert.Equal(["1", "2", "30"], Frames(ref state, "1\n2\n30\n"));
        Assert.True(state.NewlineSeen);
    }

    [Fact]
    public void CarriageReturnsStayInTheLineForTheParserToTrim()
    {
        var state = default(FramerState);

        Assert.Equal(["7\r", "8\r"], Frames(ref state, "7\r\n8\r\n"));
    }

    [Fact]
    public void AfterANewlineAPartialLineWaitsForTheRest()
    {
        var state = default(FramerState);
        ReadOnlySequence<byte> buffer = Bytes("1\n2");

        Assert.Equal(["1"], Drain(ref buffer, ref state));
        Assert.Equal("2", Text(buffer));

        buffer = Bytes(Text(buffer) + "5\n");
        Assert.Equal(["25"], Drain(ref buffer, ref state));
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void LinesSpanningBufferSegmentsAreJoined()
    {
        var state = default(FramerState);
        ReadOnlySequence<byte> buffer = Segments("1", "2\n3", "4", "\n");

        Assert.Equal(["12", "34"], Drain(ref buffer, ref state));
    }

    [Fact]
    public void AnOverLongLineIsOneFrameMarkedTooLong()
    {
        var state = default(FramerState);
        ReadOnlySequence<byte> buffer = Bytes("12345678901\n5\n");

        Assert.True(RequestFramer.TryReadFrame(ref buffer, ref state, MaxLineLength, out Frame frame));
        Assert.True(frame.TooLong);
        Assert.Equal(["5"], Drain(ref buffer, ref state));
    }

    [Fact]
    public void AnOverLongLineWithoutNewlineIsAnsweredOnceAndItsRestDropped()
    {
        var state = new FramerState { NewlineSeen = true };
        ReadOnlySequence<byte> buffer = Bytes("123456789012");

        Assert.True(RequestFramer.TryReadFrame(ref buffer, ref state, MaxLineLength, out Frame frame));
        Assert.True(frame.TooLong);
        Assert.True(buffer.IsEmpty);

        // The line goes on in later reads: nothing more is answered for it, and nothing is kept.
        buffer = Bytes("34567890123456789");
        Assert.Empty(Drain(ref buffer, ref state));
        Assert.True(buffer.IsEmpty);

        buffer = Bytes("89\n6\n");
        Assert.Equal(["6"], Drain(ref buffer, ref state));
    }

    [Fact]
    public void AnOverLongBareReadIsTooLong()
    {
        var state = default(FramerState);
        ReadOnlySequence<byte> buffer = Bytes(new string('9', MaxLineLength + 1));

        Assert.True(RequestFramer.TryReadFrame(ref buffer, ref state, MaxLineLength, out Frame frame));
        Assert.True(frame.TooLong);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void AnEmptyLineIsARequestForTheParserToRefuse()
    {
        var state = default(FramerState);

        Assert.Equal(["", "3"], Frames(ref state, "\n3\n"));
    }

    private static List<string> Frames(ref FramerState state, string read)
    {
        ReadOnlySequence<byte> buffer = Bytes(read);
        List<string> frames = Drain(ref buffer, ref state);
        Assert.True(buffer.IsEmpty);
        return frames;
    }

    private static List<string> Drain(ref ReadOnlySequence<byte> buffer, ref FramerState state)
    {
        var frames = new List<string>();
        while (RequestFramer.TryReadFrame(ref buffer, ref state, MaxLineLength, out Frame frame))
        {
            Assert.False(frame.TooLong);
            frames.Add(Text(frame.Line));
        }

        return frames;
    }

    private static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.ASCII.GetBytes(text));

    private static string Text(ReadOnlySequence<byte> bytes) => Encoding.ASCII.GetString(bytes);

    private static ReadOnlySequence<byte> Segments(params string[] parts)
    {
        var first = new Segment(Encoding.ASCII.GetBytes(parts[0]), 0);
        Segment last = first;
        foreach (string part in parts.Skip(1))
        {
            last = last.Append(Encoding.ASCII.GetBytes(part));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes, long runningIndex)
        {
            Memory = bytes;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
