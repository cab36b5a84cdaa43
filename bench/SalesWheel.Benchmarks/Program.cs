using BenchmarkDotNet.Running;
using SalesWheel.Benchmarks;

// `phases [N]` times the CLI's steps one by one with a Stopwatch; anything else goes to BenchmarkDotNet.
if (args is ["phases", ..])
{
    return Phases.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Data).Assembly).Run(args);
return 0;
