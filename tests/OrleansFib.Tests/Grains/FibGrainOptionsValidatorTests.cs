using OrleansFib.Grains;

namespace OrleansFib.Tests.Grains;

public sealed class FibGrainOptionsValidatorTests
{
    private readonly FibGrainOptionsValidator _validator = new();
    private readonly FibGrainMaxNValidator _maxN = new();

    [Fact]
    public void DefaultsAreValid()
    {
        Assert.True(_validator.Validate(null, new FibGrainOptions()).Succeeded);
        Assert.True(_maxN.Validate(null, new FibGrainOptions()).Succeeded);
    }

    [Theory]
    [InlineData(FibAlgorithm.Naive, 94, "FibGrain:MaxN (--max-n) must be between 0 and 93 for the Naive algorithm; it is 94.")]
    [InlineData(FibAlgorithm.Fast, 1_000_001, "FibGrain:MaxN (--max-n) must be between 0 and 1000000 for the Fast algorithm; it is 1000001.")]
    [InlineData(FibAlgorithm.Naive, -1, "FibGrain:MaxN (--max-n) must be between 0 and 93 for the Naive algorithm; it is -1.")]
    public void MaxNIsBoundedByTheAlgorithm(FibAlgorithm algorithm, int maxN, string message)
    {
        var result = _maxN.Validate(null, new FibGrainOptions { Algorithm = algorithm, MaxN = maxN });

        Assert.Equal(message, Assert.Single(result.Failures!));
    }

    [Fact]
    public void EveryBadSettingIsNamed()
    {
        var options = new FibGrainOptions { Workers = -1, MaxQueueLength = 0, InlineMaxCost = -5, Algorithm = (FibAlgorithm)7 };

        Assert.Collection(
            _validator.Validate(null, options).Failures!,
            failure => Assert.Contains("FibGrainOptions.Workers must be between 0 and 1024", failure, StringComparison.Ordinal),
            failure => Assert.Contains("FibGrainOptions.MaxQueueLength must be between 1 and", failure, StringComparison.Ordinal),
            failure => Assert.Contains("FibGrainOptions.InlineMaxCost must be between 0 and", failure, StringComparison.Ordinal));
        Assert.StartsWith("FibGrain:Algorithm must be one of Naive, Fast", Assert.Single(_maxN.Validate(null, options).Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroWorkersMeansOnePerCore() => Assert.Equal(Environment.ProcessorCount, new FibGrainOptions().EffectiveWorkers);
}
