using Microsoft.Extensions.Options;

namespace OrleansFib.Silo;

/// <summary>Checks <see cref="SiloOptions"/> against its data annotations at start-up (source-generated).</summary>
[OptionsValidator]
internal sealed partial class SiloOptionsValidator : IValidateOptions<SiloOptions>;
