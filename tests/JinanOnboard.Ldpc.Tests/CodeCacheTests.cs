using JinanOnboard.Ldpc.Construction;

namespace JinanOnboard.Ldpc.Tests;

public sealed class CodeCacheTests
{
    [Fact]
    public void A_cached_code_is_identical_to_a_fresh_construction_and_a_corrupt_file_is_rebuilt() => WithCacheDirectory(directory =>
    {
        DegreeDistribution distribution = DistributionTable.ForRate(0.8);
        int builds = 0;
        ParityCheckMatrix Build()
        {
            builds++;
            return TannerGraphBuilder.Build(4000, 800, distribution, 42);
        }

        ParityCheckMatrix first = CodeCache.GetOrBuild(4000, 800, distribution, 42, Build);
        ParityCheckMatrix second = CodeCache.GetOrBuild(4000, 800, distribution, 42, Build);
        Assert.Equal(1, builds);
        Assert.Equal(first.StructureHash(), second.StructureHash());
        Assert.Equal(first.ColumnRows, second.ColumnRows);

        string file = Assert.Single(Directory.GetFiles(directory, "*.bin"));
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..100]);
        ParityCheckMatrix third = CodeCache.GetOrBuild(4000, 800, distribution, 42, Build);
        Assert.Equal(2, builds);
        Assert.Equal(first.StructureHash(), third.StructureHash());

        // An entry left by another version of the construction code is removed when this
        // version writes its own; other codes' entries stay.
        string current = Assert.Single(Directory.GetFiles(directory, "*.bin"));
        string stale = Path.Combine(directory, "4000-800-" + distribution.Name + "-000000000000002A-00000000000000000000000000000000.bin");
        string otherCode = Path.Combine(directory, "4000-801-" + distribution.Name + "-000000000000002A-00000000000000000000000000000000.bin");
        File.WriteAllBytes(stale, [1]);
        File.WriteAllBytes(otherCode, [1]);
        File.Delete(current);
        CodeCache.GetOrBuild(4000, 800, distribution, 42, Build);
        Assert.Equal(3, builds);
        Assert.Equal([current, otherCode], Directory.GetFiles(directory, "*.bin").Order(StringComparer.Ordinal));
    });

    [Fact]
    public Task A_process_that_finds_the_code_being_built_waits_and_reads_it_instead_of_building_it_again() => WithCacheDirectory(async directory =>
    {
        DegreeDistribution distribution = DistributionTable.ForRate(0.8);
        int builds = 0;
        ParityCheckMatrix Build()
        {
            Interlocked.Increment(ref builds);
            return TannerGraphBuilder.Build(4000, 800, distribution, 43);
        }

        ParityCheckMatrix first = CodeCache.GetOrBuild(4000, 800, distribution, 43, Build);
        string file = Assert.Single(Directory.GetFiles(directory, "*.bin"));
        byte[] content = File.ReadAllBytes(file);
        File.Delete(file);

        // "Another process" is building: it holds the lock, and its file is not there yet.
        ParityCheckMatrix second;
        using (var held = new FileStream(file + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            Task<ParityCheckMatrix> waiting = Task.Run(() => CodeCache.GetOrBuild(4000, 800, distribution, 43, Build));
            await Task.Delay(400);
            Assert.False(waiting.IsCompleted);
            File.WriteAllBytes(file, content);
            held.Close();
            second = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(1, builds);
        Assert.Equal(first.StructureHash(), second.StructureHash());
    });

    private static void WithCacheDirectory(Action<string> test) => WithCacheDirectory(directory =>
    {
        test(directory);
        return Task.CompletedTask;
    }).GetAwaiter().GetResult();

    /// <summary>Runs <paramref name="test"/> with JINAN_LDPC_CACHE pointing at a fresh directory.</summary>
    private static async Task WithCacheDirectory(Func<string, Task> test)
    {
        string directory = Directory.CreateTempSubdirectory("jinan-ldpc-cache-").FullName;
        string? previous = Environment.GetEnvironmentVariable("JINAN_LDPC_CACHE");
        try
        {
            Environment.SetEnvironmentVariable("JINAN_LDPC_CACHE", directory);
            await test(directory);
        }
        finally
        {
            Environment.SetEnvironmentVariable("JINAN_LDPC_CACHE", previous);
            Directory.Delete(directory, recursive: true);
        }
    }
}
