using BenchmarkDotNet.Running;

namespace JinanOnboard.Ldpc.Benchmarks;

internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
