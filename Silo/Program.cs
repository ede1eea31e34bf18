using OrleansFib.Hosting;
using OrleansFib.Silo;

return await ServiceHost.RunAsync("silo", args, SiloHost.Switches, SiloHost.Build);
