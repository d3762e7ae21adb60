using CsCheck;
using JinanOnboard.Protocol.Fuzz.Targets;

namespace JinanOnboard.Protocol.Tests.Fuzz;

/// <summary>
/// The AFL harness's targets (tests/JinanOnboard.Protocol.Fuzz) on every test run: each valid seed reaches its
/// layer's success path, the checked-in corpus is what the encoders make today, and neither random bytes nor
/// mutated seeds get any exception out of a layer but the documented rejections (Run lets every other one out).
/// </summary>
public sealed class FuzzTargetTests
{
    public static TheoryData<string> Modes() => [.. FuzzTargets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Modes))]
    public void Valid_seeds_reach_the_success_path_and_the_others_are_rejected(string mode)
    {
        FuzzTarget target = FuzzTargets.Find(mode)!;
        var seeds = target.Seeds().ToList();
        Assert.Contains(seeds, s => s.Name.StartsWith("valid-", StringComparison.Ordinal));
        foreach ((string name, byte[] input) in seeds)
        {
            Outcome expected = name.StartsWith("valid-", StringComparison.Ordinal) ? Outcome.Accepted : Outcome.Rejected;
            Assert.True(target.Run(input) == expected, $"{mode}/{name}: expected {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void The_checked_in_corpus_is_what_the_generator_writes(string mode)
    {
        FuzzTarget target = FuzzTargets.Find(mode)!;
        string directory = Path.Combine(CorpusRoot(), mode);
        var onDisk = Directory.GetFiles(directory).ToDictionary(file => Path.GetFileName(file), File.ReadAllBytes);
        var generated = target.Seeds().ToDictionary(s => s.Name + ".bin", s => s.Input);
        Assert.True(
            onDisk.Count == generated.Count && generated.All(g => onDisk.TryGetValue(g.Key, out byte[]? bytes) && bytes.AsSpan().SequenceEqual(g.Value)),
            $"{directory} is stale: rerun 'dotnet run --project tests/JinanOnboard.Protocol.Fuzz -c Release -- --write-corpus tests/JinanOnboard.Protocol.Fuzz/corpus'");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Random_inputs_and_mutated_seeds_raise_nothing_but_documented_rejections(string mode)
    {
        FuzzTarget target = FuzzTargets.Find(mode)!;
        byte[][] seeds = [.. target.Seeds().Select(s => s.Input)];
        Gen<byte[]> mutated =
            from seed in Gen.Int[0, seeds.Length - 1]
            from edits in Gen.Select(Gen.Int[0, int.MaxValue], Gen.Byte).Array[1, 8]
            from cut in Gen.Int[0, 64]
            select Mutate(seeds[seed], edits, cut);

        // The frame targets sign and verify each frame, so fewer iterations keep the whole class well under 10 s.
        int iterations = mode is "header" or "packets" ? 300 : 1500;
        Gen.OneOf(Gen.Byte.Array[0, 2048], mutated).Sample(input => target.Run(input), iter: iterations);
    }

    /// <summary>Overwrites a few bytes and drops up to <paramref name="cut"/> from the end, as AFL's havoc stage does.</summary>
    private static byte[] Mutate(byte[] seed, (int Position, byte Value)[] edits, int cut)
    {
        byte[] input = seed[..Math.Max(1, seed.Length - cut)];
        foreach ((int position, byte value) in edits)
        {
            input[position % input.Length] = value;
        }

        return input;
    }

    private static string CorpusRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string corpus = Path.Combine(dir.FullName, "tests", "JinanOnboard.Protocol.Fuzz", "corpus");
            if (Directory.Exists(corpus))
            {
                return corpus;
            }
        }

        throw new DirectoryNotFoundException("tests/JinanOnboard.Protocol.Fuzz/corpus not found above the test's directory.");
    }
}
