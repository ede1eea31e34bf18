using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansFib.Bench;

/// <summary>
/// One blocking client connection, as the talk's clients are: send a request, read one answer line.
/// Blocking calls on a dedicated thread keep the client's own cost per request as low as it goes.
/// </summary>
public sealed class FibConnection : IAskingConnection
{
    private readonly Socket _socket;
    private byte[] _buffer = new byte[256];

    private FibConnection(Socket socket) => _socket = socket;

    public string? LastProblem { get; private set; }

    public bool IsBroken { get; private set; }

    public static FibConnection Open(IPEndPoint server, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(server);
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            ReceiveTimeout = (int)timeout.TotalMilliseconds,
            SendTimeout = (int)timeout.TotalMilliseconds,
        };
        try
        {
            socket.Connect(server);
            return new FibConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static byte[] Request(int n, Framing framing) =>
        Encoding.ASCII.GetBytes(n.ToString(CultureInfo.InvariantCulture) + (framing == Framing.Newline ? "\n" : string.Empty));

    public Outcome Ask(byte[] request, int n)
    {
        try
        {
            _socket.Send(request);
            int length = ReadLine();
            if (length < 0)
            {
                (LastProblem, IsBroken) = ($"{n}: connection closed", true);
                return Outcome.Error;
            }

            byte[] expected = ExpectedAnswers.For(n);
            if (_buffer.AsSpan(0, length).SequenceEqual(expected))
            {
                return Outcome.Correct;
            }

            LastProblem = $"{n}: {Encoding.ASCII.GetString(_buffer, 0, Math.Min(length, 80)).TrimEnd()}";
            return _buffer.AsSpan(0, length).StartsWith("ERR"u8) ? Outcome.Error : Outcome.Wrong;
        }
        catch (SocketException e)
        {
            (LastProblem, IsBroken) = ($"{n}: {e.SocketErrorCode}", true);
            return Outcome.Error;
        }
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>Reads up to and including the next newline; -1 if the server closed first.</summary>
    private int ReadLine()
    {
        int length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            int read = _socket.Receive(_buffer, length, _buffer.Length - length, SocketFlags.None);
            if (read == 0)
            {
                return -1;
            }

            int newline = _buffer.AsSpan(length, read).IndexOf((byte)'\n');
            length += read;
            if (newline >= 0)
            {
                return length; // one request in flight: nothing follows the newline
            }
        }
    }
}
