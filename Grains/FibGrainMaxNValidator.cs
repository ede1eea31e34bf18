using Microsoft.Extensions.Options;

namespace OrleansFib.Grains;

/// <summary>The rule that spans two settings: <see cref="FibGrainOptions.MaxN"/> is bounded by what <see cref="FibGrainOptions.Algorithm"/> can compute.</summary>
internal sealed class FibGrainMaxNValidator : IValidateOptions<FibGrainOptions>
{
    public ValidateOptionsResult Validate(string? name, FibGrainOptions options)
    {
        if (!Enum.IsDefined(options.Algorithm))
        {
            return ValidateOptionsResult.Fail($"FibGrain:Algorithm must be one of {string.Join(", ", Enum.GetNames<FibAlgorithm>())}.");
        }

        int ceiling = FibGrainOptions.CeilingMaxN(options.Algorithm);
        return options.MaxN is { } maxN && (maxN < 0 || maxN > ceiling)
            ? ValidateOptionsResult.Fail($"FibGrain:MaxN (--max-n) must be between 0 and {ceiling} for the {options.Algorithm} algorithm; it is {maxN}.")
            : ValidateOptionsResult.Success;
    }
}
