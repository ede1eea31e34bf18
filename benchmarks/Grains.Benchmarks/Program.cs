using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(OrleansFib.Benchmarks.KernelBenchmarks).Assembly).Run(args);
