namespace OrleansFib.Bench;

/// <summary>How requests are sent: bare, like perf2.py (<c>b'1'</c>, one request per send), or newline-terminated.</summary>
public enum Framing
{
    Bare,
    Newline,
}
