using System.Buffers;

namespace OrleansFib.Gateway.Protocol;

/// <summary>
/// Splits a connection's bytes into requests. A request ends at <c>\n</c>; until a client has sent a
/// newline, what one read delivers is one request, because the talk's clients (perf1.py, perf2.py)
/// send <c>b'30'</c> with no newline and wait for the answer.
/// </summary>
public static class RequestFramer
{
    /// <summary>
    /// Takes the next frame from the front of <paramref name="buffer"/> (everything one read delivered
    /// and earlier reads left). Returns false when more bytes are needed; then <paramref name="buffer"/>
    /// holds what must be kept (never more than <paramref name="maxLineLength"/> bytes).
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, ref FramerState state, int maxLineLength, out Frame frame)
    {
        while (true)
        {
            SequencePosition? newline = buffer.PositionOf((byte)'\n');
            if (newline is { } end)
            {
                state.NewlineSeen = true;
                ReadOnlySequence<byte> line = buffer.Slice(0, end);
                buffer = buffer.Slice(buffer.GetPosition(1, end));
                if (state.Discarding)
                {
                    state.Discarding = false; // the tail of a line answered already
                    state.OverlongBytes += line.Length;
                    continue;
                }

                frame = Framed(line, ref state, maxLineLength);
                return true;
            }

            if (state.Discarding)
            {
                state.OverlongBytes += buffer.Length;
                buffer = buffer.Slice(buffer.End);
                break;
            }

            if (!state.NewlineSeen && !buffer.IsEmpty)
            {
                // A bare read: the whole of it is one request.
                frame = Framed(buffer, ref state, maxLineLength);
                buffer = buffer.Slice(buffer.End);
                return true;
            }

            if (buffer.Length > maxLineLength)
            {
                state.Discarding = true;
                state.OverlongBytes += buffer.Length;
                frame = new Frame(buffer.Slice(0, 0), TooLong: true);
                buffer = buffer.Slice(buffer.End);
                return true;
            }

            break;
        }

        frame = default;
        return false;
    }

    private static Frame Framed(in ReadOnlySequence<byte> line, ref FramerState state, int maxLineLength)
    {
        bool tooLong = line.Length > maxLineLength;
        if (tooLong)
        {
            state.OverlongBytes += line.Length;
        }

        return new Frame(line, tooLong);
    }
}
