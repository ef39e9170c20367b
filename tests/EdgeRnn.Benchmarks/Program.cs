using BenchmarkDotNet.Running;

namespace EdgeRnn.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project tests/EdgeRnn.Benchmarks -- --filter '*Step*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
