using OrleansFib.Bench;

return await BenchCommands.Build().Parse(args).InvokeAsync();
