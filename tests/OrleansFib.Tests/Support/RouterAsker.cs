using System.Globalization;
using OrleansFib.Gateway.Routing;
using OrleansFib.Grains;

namespace OrleansFib.Tests.Support;

/// <summary>Asks the gateway's router directly, as the dispatcher would, and words its reply as the line protocol does.</summary>
internal sealed class RouterAsker(FibRouter router) : IFibAsker
{
    public async Task<string?> AskAsync(string request)
    {
        FibReply reply = await router.ComputeAsync(new FibRequest(int.Parse(request, CultureInfo.InvariantCulture)), CancellationToken.None);
        return reply.IsAnswer ? reply.Value.ToString() : "ERR " + reply.Reason;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
