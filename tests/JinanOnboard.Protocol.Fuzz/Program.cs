using JinanOnboard.Protocol.Fuzz.Targets;
using SharpFuzz;

namespace JinanOnboard.Protocol.Fuzz;

/// <summary>
/// The fuzz harness: one executable, one mode per parser layer (README.md here).
/// <list type="bullet">
/// <item><c>&lt;mode&gt;</c> (or env JINAN_FUZZ_TARGET): run under afl-fuzz, in-process and persistent.</item>
/// <item><c>&lt;mode&gt; --run FILE…</c>: run inputs once each outside AFL (reproduce a finding), printing each outcome.</item>
/// <item><c>--write-corpus DIR</c>: write every mode's seeds to DIR/&lt;mode&gt;/ from the project's encoders.</item>
/// </list>
/// Any exception but a layer's documented rejection escapes: under AFL that is a crash to report.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["--write-corpus", string directory])
        {
            WriteCorpus(directory);
            return 0;
        }

        string? mode = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("JINAN_FUZZ_TARGET");
        FuzzTarget? target = mode is null ? null : FuzzTargets.Find(mode);
        if (target is null)
        {
            Console.Error.WriteLine($"usage: JinanOnboard.Protocol.Fuzz <{string.Join('|', FuzzTargets.All.Select(t => t.Name))}> [--run FILE...] | --write-corpus DIR");
            return 2;
        }

        if (args.Length > 1 && args[1] == "--run")
        {
            foreach (string file in args.Skip(2))
            {
                Console.WriteLine($"{file}: {target.Run(File.ReadAllBytes(file))}");
            }

            return 0;
        }

        // In-process persistent loop: the runtime starts once and every input after that costs only the target's
        // own work (Fuzzer.OutOfProcess would add a process hop per input). Targets build fresh state per input.
        Fuzzer.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        });
        return 0;
    }

    private static void WriteCorpus(string directory)
    {
        foreach (FuzzTarget target in FuzzTargets.All)
        {
            string dir = Path.Combine(directory, target.Name);
            Directory.CreateDirectory(dir);
            foreach ((string name, byte[] input) in target.Seeds())
            {
                File.WriteAllBytes(Path.Combine(dir, name + ".bin"), input);
            }

            Console.WriteLine($"{dir}: {target.Seeds().Count()} seeds");
        }
    }
}
