using OrleansFib.Gateway;
using OrleansFib.Hosting;

return await ServiceHost.RunAsync("gateway", args, GatewayHost.Switches, GatewayHost.Build);
