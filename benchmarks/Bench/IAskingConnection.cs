namespace OrleansFib.Bench;

/// <summary>One client of a server under measure: asks F(n) and checks the answer, blocking, on its worker's thread.</summary>
public interface IAskingConnection : IDisposable
{
    /// <summary>The last wrong or error answer, for the report.</summary>
    string? LastProblem { get; }

    /// <summary>The connection timed out, failed or was closed: nothing more will come over it.</summary>
    bool IsBroken { get; }

    /// <summary>Sends <paramref name="request"/> (F(<paramref name="n"/>) as the line protocol asks it) and checks the answer.</summary>
    Outcome Ask(byte[] request, int n);
}
