namespace OrleansFib.Gateway.Routing;

/// <summary>
/// Hears the Orleans client's connections to the silos' Orleans gateways close. A grain id's calls are
/// bound to one such connection and rebound to another when it drops (a connection that opens rebinds
/// nothing), so each silo's direct key is proved again after one closes (docs/routing.md).
/// </summary>
internal sealed class GatewayConnectionObserver(RoutingTable table, ILogger<GatewayConnectionObserver> logger) : IClusterConnectionStatusObserver
{
    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways < previousNumberOfGateways)
        {
            GatewayLog.GatewayConnectionClosed(logger, previousNumberOfGateways, currentNumberOfGateways);
            table.RecheckDirectKeys();
        }
    }

    // The last connection closing is also reported as a count change, above.
    public void NotifyClusterConnectionLost()
    {
    }
}
