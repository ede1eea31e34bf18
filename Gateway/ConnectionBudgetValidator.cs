using Microsoft.Extensions.Options;

namespace OrleansFib.Gateway;

/// <summary>Fails start-up when the open-file limit leaves no room for a single connection beside <see cref="GatewayOptions.ReservedFileDescriptors"/>.</summary>
internal sealed class ConnectionBudgetValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options) =>
        ConnectionBudget.OpenFileLimit is { } limit && ConnectionBudget.MaxConnections(options, limit) < 1
            ? ValidateOptionsResult.Fail($"The open-file limit ({limit}) leaves no room for connections after Gateway:ReservedFileDescriptors ({options.ReservedFileDescriptors}); raise 'ulimit -n'.")
            : ValidateOptionsResult.Success;
}
