using Microsoft.Extensions.Options;

namespace OrleansFib.Grains;

/// <summary>Checks <see cref="FibGrainOptions"/> against its data annotations at start-up (source-generated).</summary>
[OptionsValidator]
internal sealed partial class FibGrainOptionsValidator : IValidateOptions<FibGrainOptions>;
