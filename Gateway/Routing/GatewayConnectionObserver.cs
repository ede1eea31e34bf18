namespace OrleansFib.Gateway.Routing;

/// <summary>
/// Hears the Orleans client's connections to the silos' Orleans gateways open and close. A grain id's
/// calls are bound to one such connection and rebound to another when it drops, so each silo's direct
/// key is proved again after any change (docs/routing.md).
/// </summary>
internal sealed class GatewayConnectionObserver(RoutingTable table, ILogger<GatewayConnectionObserver> logger) : IClusterConnectionStatusObserver
{
    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        GatewayLog.GatewayConnectionsChanged(logger, previousNumberOfGateways, currentNumberOfGateways);
        table.RecheckDirectKeys();
    }

    public void NotifyClusterConnectionLost() => table.RecheckDirectKeys();
}
