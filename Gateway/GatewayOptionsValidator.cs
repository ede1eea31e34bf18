using Microsoft.Extensions.Options;

namespace OrleansFib.Gateway;

/// <summary>Checks <see cref="GatewayOptions"/> against its data annotations at start-up (source-generated).</summary>
[OptionsValidator]
internal sealed partial class GatewayOptionsValidator : IValidateOptions<GatewayOptions>;
