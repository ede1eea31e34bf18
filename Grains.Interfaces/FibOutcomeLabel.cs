namespace OrleansFib.Grains;

/// <summary>The metrics label of each <see cref="FibOutcome"/>: snake case, allocated once.</summary>
public static class FibOutcomeLabel
{
    private static readonly string[] Labels = ["ok", "bad_request", "limit_exceeded", "busy", "timeout", "unavailable", "cancelled", "internal"];

    public static string Of(FibOutcome outcome) => Labels[(int)outcome];
}
