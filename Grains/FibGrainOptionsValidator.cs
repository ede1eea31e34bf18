using Microsoft.Extensions.Options;

namespace OrleansFib.Grains;

/// <summary>Fails start-up with a message that names the setting and its range.</summary>
internal sealed class FibGrainOptionsValidator : IValidateOptions<FibGrainOptions>
{
    public ValidateOptionsResult Validate(string? name, FibGrainOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Algorithm))
        {
            failures.Add($"FibGrain:Algorithm must be one of {string.Join(", ", Enum.GetNames<FibAlgorithm>())}.");
        }
        else if (options.MaxN is { } maxN && (maxN < 0 || maxN > FibGrainOptions.CeilingMaxN(options.Algorithm)))
        {
            failures.Add($"FibGrain:MaxN (--max-n) must be between 0 and {FibGrainOptions.CeilingMaxN(options.Algorithm)} for the {options.Algorithm} algorithm; it is {maxN}.");
        }

        if (options.Workers is < 0 or > 1024)
        {
            failures.Add($"FibGrain:Workers (--workers) must be between 0 (one per core) and 1024; it is {options.Workers}.");
        }

        if (options.MaxQueueLength < 1)
        {
            failures.Add($"FibGrain:MaxQueueLength must be at least 1; it is {options.MaxQueueLength}.");
        }

        if (options.InlineMaxCost < 0)
        {
            failures.Add($"FibGrain:InlineMaxCost must be 0 or more; it is {options.InlineMaxCost}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
