using BenchmarkDotNet.Running;
using SalesWheel.Benchmarks;

// `phases [N]` times the CLI's steps one by one with a Stopwatch; `import-files`/`import-compare` serve bench/imports.sh;
// anything else goes to BenchmarkDotNet.
if (args is ["phases", ..])
{
    return Phases.Run(args[1..]);
}

if (args is ["import-files", _, ..])
{
    return ImportFiles.Write(args[1..]);
}

if (args is ["xlsx-probe", var probe])
{
    return XlsxProbe.Run(probe);
}

if (args is ["import-compare", _])
{
    return ImportFiles.Compare(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Data).Assembly).Run(args);
return 0;
