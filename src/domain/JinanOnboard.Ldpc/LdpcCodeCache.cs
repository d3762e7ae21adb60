using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;

using JinanOnboard.Ldpc.Construction;

namespace JinanOnboard.Ldpc;

/// <summary>
/// An on-disk cache of built codes' base graphs (protocol-spec/ldpc-codes.md §9), shared by every process that points at
/// the same directory: the payload and the OGS of a bench pass build the same ~26 codes, ~45 ms of CPU each on each side,
/// and a warm cache turns that into reading ~250 KB and expanding it. Only the quasi-cyclic base graph is stored; the
/// expansion to H is cheap and deterministic.
/// </summary>
/// <remarks>
/// <para>A file is named by everything its content depends on: n, m, the distribution, the construction seed and a
/// fingerprint of the code's column degrees, <see cref="ConstructionRevision"/> and the Ldpc assembly's module version id
/// (a deterministic build changes it exactly when the construction code may have changed). So a stale file is never
/// read; it is simply not found. Files carry an XXH64 of their content and are checked again on load (lengths, ranges,
/// column order); a file that fails is ignored and rebuilt.</para>
/// <para>Writes go to a temporary file in the same directory that is then renamed over the final name, an atomic step
/// on POSIX file systems, so a reader sees a whole file or none and two processes storing the same code at once are
/// harmless. The cache is an optimisation: any I/O error on load or store falls back to building the code.</para>
/// </remarks>
public sealed class LdpcCodeCache
{
    /// <summary>Bump when the construction (spec §4) changes in a way the module version id would not show.</summary>
    internal const int ConstructionRevision = 4;

    /// <summary>Environment variable naming the cache directory; "off" (or empty) disables the cache.</summary>
    public const string EnvironmentVariable = "JINAN_LDPC_CACHE";

    private const uint Magic = 0x43444C4A; // "JLDC" little-endian
    private const int FormatVersion = 1;
    private const int HeaderBytes = 32;

    private static readonly Guid ModuleVersion = typeof(LdpcCodeCache).Module.ModuleVersionId;

    private long _hits;
    private long _misses;
    private long _stores;
    private long _failures;

    /// <summary>A cache in <paramref name="directory"/> (created on the first store).</summary>
    public LdpcCodeCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The cache directory.</summary>
    public string Directory { get; }

    /// <summary>Codes read from the cache.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Codes not found (or unreadable) and built instead.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Codes written.</summary>
    public long Stores => Interlocked.Read(ref _stores);

    /// <summary>Files that failed their checks, and writes that failed.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>
    /// The cache the firmware uses: the directory in <see cref="EnvironmentVariable"/> if set ("off" or empty: none),
    /// else <c>$XDG_CACHE_HOME/jinan-onboard/ldpc</c>, else <c>~/.cache/jinan-onboard/ldpc</c>; null when no home is known.
    /// </summary>
    public static LdpcCodeCache? FromEnvironment()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (configured is not null)
        {
            return configured.Length == 0 || configured.Equals("off", StringComparison.OrdinalIgnoreCase) ? null : new LdpcCodeCache(configured);
        }

        string? root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(root))
        {
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (string.IsNullOrEmpty(home))
            {
                return null;
            }

            root = Path.Combine(home, ".cache");
        }

        return new LdpcCodeCache(Path.Combine(root, "jinan-onboard", "ldpc"));
    }

    /// <summary>The base graph of the code (n, m, distribution, seed), from the cache or built (and then stored).</summary>
    internal LiftedStructure GetOrBuild(int columns, int rows, DegreeDistribution distribution, ulong seed, Func<LiftedStructure> build)
    {
        string path = PathFor(columns, rows, distribution, seed);
        LiftedStructure? cached = TryLoad(path, columns / LiftedStructure.Z, rows / LiftedStructure.Z);
        if (cached is not null)
        {
            Interlocked.Increment(ref _hits);
            return cached;
        }

        Interlocked.Increment(ref _misses);
        LiftedStructure built = build();
        Store(path, built);
        return built;
    }

    internal string PathFor(int columns, int rows, DegreeDistribution distribution, ulong seed)
    {
        var hash = new XxHash64();
        Span<byte> word = stackalloc byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(word, ConstructionRevision);
        hash.Append(word[..4]);
        ModuleVersion.TryWriteBytes(word);
        hash.Append(word);
        hash.Append(MemoryMarshal.AsBytes(distribution.ColumnDegrees(columns / LiftedStructure.Z, rows / LiftedStructure.Z).AsSpan()));
        string name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{columns}-{rows}-{distribution.Name}-{seed:x16}-{hash.GetCurrentHashAsUInt64():x16}.jldc");
        return Path.Combine(Directory, name);
    }

    private LiftedStructure? TryLoad(string path, int baseColumns, int baseRows)
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // not cached yet (or unreadable): build it
        }

        LiftedStructure? structure = Decode(file, baseColumns, baseRows);
        if (structure is null)
        {
            Interlocked.Increment(ref _failures);
        }

        return structure;
    }

    /// <summary>Parses and checks one file; null if anything is off.</summary>
    internal static LiftedStructure? Decode(ReadOnlySpan<byte> file, int baseColumns, int baseRows)
    {
        if (file.Length < HeaderBytes + 8
            || BinaryPrimitives.ReadUInt32LittleEndian(file) != Magic
            || BinaryPrimitives.ReadInt32LittleEndian(file[4..]) != FormatVersion
            || BinaryPrimitives.ReadInt32LittleEndian(file[8..]) != baseColumns
            || BinaryPrimitives.ReadInt32LittleEndian(file[12..]) != baseRows)
        {
            return null;
        }

        int edges = BinaryPrimitives.ReadInt32LittleEndian(file[16..]);
        long expected = HeaderBytes + (4L * (baseRows + 1)) + (5L * edges) + 8;
        if (edges < 0 || file.Length != expected
            || XxHash64.HashToUInt64(file[..^8]) != BinaryPrimitives.ReadUInt64LittleEndian(file[^8..]))
        {
            return null;
        }

        ReadOnlySpan<byte> body = file[HeaderBytes..^8];
        var rowStart = new int[baseRows + 1];
        var block = new int[edges];
        var shift = new byte[edges];
        for (int r = 0; r <= baseRows; r++)
        {
            rowStart[r] = BinaryPrimitives.ReadInt32LittleEndian(body[(4 * r)..]);
        }

        body = body[(4 * (baseRows + 1))..];
        for (int e = 0; e < edges; e++)
        {
            block[e] = BinaryPrimitives.ReadInt32LittleEndian(body[(4 * e)..]);
        }

        body[(4 * edges)..].CopyTo(shift);

        // The expansion relies on these; a file that breaks them is not one this code wrote.
        if (rowStart[0] != 0 || rowStart[baseRows] != edges)
        {
            return null;
        }

        for (int r = 0; r < baseRows; r++)
        {
            if (rowStart[r + 1] < rowStart[r])
            {
                return null;
            }

            for (int e = rowStart[r]; e < rowStart[r + 1]; e++)
            {
                if ((uint)block[e] >= (uint)baseColumns || shift[e] >= LiftedStructure.Z || (e > rowStart[r] && block[e] <= block[e - 1]))
                {
                    return null;
                }
            }
        }

        return new LiftedStructure(baseColumns, baseRows, rowStart, block, shift);
    }

    internal static byte[] Encode(LiftedStructure structure)
    {
        int edges = structure.BaseEdgeCount;
        var file = new byte[HeaderBytes + (4 * (structure.BaseRows + 1)) + (5 * edges) + 8];
        BinaryPrimitives.WriteUInt32LittleEndian(file, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(8), structure.BaseColumns);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(12), structure.BaseRows);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(16), edges);
        Span<byte> body = file.AsSpan(HeaderBytes);
        foreach (int start in structure.RowStart)
        {
            BinaryPrimitives.WriteInt32LittleEndian(body, start);
            body = body[4..];
        }

        foreach (int column in structure.Block)
        {
            BinaryPrimitives.WriteInt32LittleEndian(body, column);
            body = body[4..];
        }

        structure.Shift.CopyTo(body);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(file.Length - 8), XxHash64.HashToUInt64(file.AsSpan(0, file.Length - 8)));
        return file;
    }

    private void Store(string path, LiftedStructure structure)
    {
        string temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllBytes(temporary, Encode(structure));
            File.Move(temporary, path, overwrite: true);
            Interlocked.Increment(ref _stores);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _failures);
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do: a stray temporary file is never read.
            }
        }
    }
}
