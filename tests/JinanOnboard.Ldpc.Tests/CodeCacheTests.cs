namespace JinanOnboard.Ldpc.Tests;

/// <summary>The on-disk code cache and the bounded book the firmware uses (protocol-spec/ldpc-codes.md §9).</summary>
public sealed class CodeCacheTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jinan-ldpc-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void A_cached_code_is_bit_identical_to_a_built_one_and_the_second_book_reads_it()
    {
        int[] indices = [0, 7, 20];
        var cache = new LdpcCodeCache(_directory);
        LdpcCodeBook writer = LdpcCodeBook.CreateDefault(TestCodes.SmallBlockLength, new LdpcCodeBookOptions { Cache = cache });
        LdpcCodeBook plain = LdpcCodeBook.CreateDefault(TestCodes.SmallBlockLength);
        foreach (int i in indices)
        {
            Assert.Equal(plain.CodeAt(i).StructureHash, writer.CodeAt(i).StructureHash);
        }

        Assert.Equal(indices.Length, cache.Misses);
        Assert.Equal(indices.Length, cache.Stores);
        Assert.Equal(indices.Length, Directory.GetFiles(_directory, "*.jldc").Length);

        // Another process's book: every code comes from the files, identical to a fresh build.
        var reader = new LdpcCodeCache(_directory);
        LdpcCodeBook second = LdpcCodeBook.CreateDefault(TestCodes.SmallBlockLength, new LdpcCodeBookOptions { Cache = reader });
        foreach (int i in indices)
        {
            LdpcCode code = second.CodeAt(i);
            Assert.Equal(plain.CodeAt(i).StructureHash, code.StructureHash);
            Assert.Equal(plain.CodeAt(i).CodeId, code.CodeId);
            Assert.Equal(plain.CodeAt(i).MaxQber, code.MaxQber);
        }

        Assert.Equal(indices.Length, reader.Hits);
        Assert.Equal(0, reader.Misses);
        Assert.Equal(0, reader.Failures);
    }

    [Fact]
    public void A_damaged_or_truncated_file_is_ignored_and_the_code_rebuilt()
    {
        var cache = new LdpcCodeCache(_directory);
        ulong expected = LdpcCodeBook.CreateDefault(TestCodes.SmallBlockLength, new LdpcCodeBookOptions { Cache = cache }).CodeAt(3).StructureHash;
        string file = Assert.Single(Directory.GetFiles(_directory, "*.jldc"));

        byte[] bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(file, bytes);
        var damaged = new LdpcCodeCache(_directory);
        Assert.Equal(expected, LdpcCodeBook.CreateDefault(TestCodes.SmallBlockLength, new LdpcCodeBookOptions { Cache = damaged }).CodeAt(3).StructureHash);
        Assert.Equal(1, damaged.Failures);
        Assert.Equal(1, damaged.Misses);
        Assert.Equal(1, damaged.Stores); // rewritten whole

        File.WriteAllBytes(file, File.ReadAllBytes(file)[..^9]);
        var truncated = new LdpcCodeCache(_directory);
        Assert.Equal(expected, LdpcCodeBook.CreateDefault(TestCodes.SmallBlockLength, new LdpcCodeBookOptions { Cache = truncated }).CodeAt(3).StructureHash);
        Assert.Equal(1, truncated.Failures);
    }

    [Fact]
    public void Files_are_named_by_what_the_code_depends_on()
    {
        var cache = new LdpcCodeCache(_directory);
        LdpcCodeBook book = LdpcCodeBook.CreateDefault(TestCodes.SmallBlockLength, new LdpcCodeBookOptions { Cache = cache });
        book.CodeAt(0);
        book.CodeAt(1);
        string[] names = [.. Directory.GetFiles(_directory).Select(Path.GetFileName).Order()!];
        Assert.Equal(2, names.Length);
        Assert.All(names, n => Assert.StartsWith($"{TestCodes.SmallBlockLength}-", n, StringComparison.Ordinal));
        Assert.NotEqual(names[0], names[1]);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public void A_bounded_book_keeps_the_most_recent_codes_and_rebuilds_released_ones_identically()
    {
        LdpcCodeBook bounded = LdpcCodeBook.CreateDefault(TestCodes.SmallBlockLength, new LdpcCodeBookOptions { RetainedCodes = 2 });
        (WeakReference released, ulong firstHash) = UseFirstCode(bounded);
        bounded.CodeAt(1);
        bounded.CodeAt(2); // code 0 is now the least recently used beyond the bound: held weakly only
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(released.IsAlive);
        Assert.Equal(firstHash, bounded.CodeAt(0).StructureHash);
        Assert.Same(bounded.CodeAt(2), bounded.CodeAt(2));
    }

    // Not inlined, so no stack slot of the test method keeps code 0 alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (WeakReference Code, ulong Hash) UseFirstCode(LdpcCodeBook book)
    {
        LdpcCode first = book.CodeAt(0);
        Assert.Same(first, book.CodeAt(0));
        return (new WeakReference(first), first.StructureHash);
    }

    [Fact]
    public void The_environment_variable_chooses_or_disables_the_cache()
    {
        string? saved = Environment.GetEnvironmentVariable(LdpcCodeCache.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(LdpcCodeCache.EnvironmentVariable, _directory);
            Assert.Equal(Path.GetFullPath(_directory), LdpcCodeCache.FromEnvironment()!.Directory);
            Environment.SetEnvironmentVariable(LdpcCodeCache.EnvironmentVariable, "off");
            Assert.Null(LdpcCodeCache.FromEnvironment());
        }
        finally
        {
            Environment.SetEnvironmentVariable(LdpcCodeCache.EnvironmentVariable, saved);
        }
    }
}
