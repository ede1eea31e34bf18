using Microsoft.Extensions.Options;

namespace OrleansFib.Gateway.Routing;

/// <summary>Checks <see cref="RoutingOptions"/> against its data annotations at start-up (source-generated).</summary>
[OptionsValidator]
internal sealed partial class RoutingOptionsValidator : IValidateOptions<RoutingOptions>;
