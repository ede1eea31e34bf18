namespace OrleansFib.Bench;

/// <summary>How one request went.</summary>
public enum Outcome
{
    Correct,
    Wrong,
    Error,
}
