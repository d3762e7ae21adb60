using System.Runtime.InteropServices;

namespace JinanOnboard.Ldpc.Construction;

/// <summary>
/// A disk cache of constructed parity-check matrices. Construction is deterministic but costs
/// ~0.5 s per 100 kbit code, and a pass uses a dozen codes on each side; the cache makes every
/// later use a file read. The key includes the module version id of this assembly (a content
/// hash under deterministic builds), so any change to the construction code invalidates it.
/// Any problem reading or writing the cache falls back to constructing; it never changes a code.
/// Location: $JINAN_LDPC_CACHE, else $XDG_CACHE_HOME/jinan/ldpc, else ~/.cache/jinan/ldpc;
/// JINAN_LDPC_CACHE=off disables it.
/// </summary>
internal static class CodeCache
{
    private const int Magic = 0x4C445043; // "LDPC"

    /// <summary>Longest wait for another process's construction (the slowest code takes ~1.5 s on a loaded core).</summary>
    private const int LockWaitMs = 30_000;

    public static ParityCheckMatrix GetOrBuild(int columns, int rows, DegreeDistribution distribution, ulong seed, Func<ParityCheckMatrix> build)
    {
        string? directory = Directory();
        if (directory is null)
        {
            return build();
        }

        string code = $"{columns}-{rows}-{distribution.Name}-{seed:X16}";
        string path = Path.Combine(directory, $"{code}-{typeof(CodeCache).Module.ModuleVersionId:N}.bin");
        ParityCheckMatrix? cached = TryRead(path, columns, rows);
        if (cached is not null)
        {
            return cached;
        }

        // Payload and ground need the same code at about the same moment: one builds it while the
        // other waits for the file, instead of both spending the construction time.
        using FileStream? buildLock = AcquireBuildLock(path + ".lock");
        cached = buildLock is null ? null : TryRead(path, columns, rows);
        if (cached is not null)
        {
            return cached;
        }

        ParityCheckMatrix matrix = build();
        TryWrite(path, matrix);
        RemoveStaleVersions(directory, code, path);
        return matrix;
    }

    /// <summary>
    /// An exclusive lock file (FileShare.None is an advisory flock between .NET processes on Unix).
    /// Null when the cache directory is unusable or the wait runs out: the caller then just builds.
    /// </summary>
    private static FileStream? AcquireBuildLock(string lockPath)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        long deadline = Environment.TickCount64 + LockWaitMs;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                Thread.Sleep(20);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Deletes this code's entries written by other versions of the construction code: without it
    /// every rebuild of the library would leave another 5 MB per code behind.
    /// </summary>
    private static void RemoveStaleVersions(string directory, string code, string current)
    {
        try
        {
            foreach (string stale in System.IO.Directory.EnumerateFiles(directory, code + "-*.bin"))
            {
                if (!string.Equals(stale, current, StringComparison.Ordinal))
                {
                    File.Delete(stale);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another process may be using or removing it; stale entries are only wasted space.
        }
    }

    private static string? Directory()
    {
        string? configured = Environment.GetEnvironmentVariable("JINAN_LDPC_CACHE");
        if (string.Equals(configured, "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string root = !string.IsNullOrEmpty(xdg) ? xdg : string.IsNullOrEmpty(home) ? Path.GetTempPath() : Path.Combine(home, ".cache");
        return Path.Combine(root, "jinan", "ldpc");
    }

    private static ParityCheckMatrix? TryRead(string path, int columns, int rows)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var reader = new BinaryReader(stream);
            if (reader.ReadInt32() != Magic || reader.ReadInt32() != columns || reader.ReadInt32() != rows)
            {
                return null;
            }

            int[] rowStart = ReadArray(reader);
            int[] rowColumns = ReadArray(reader);
            int[] columnStart = ReadArray(reader);
            int[] columnRows = ReadArray(reader);
            bool consistent = rowStart.Length == rows + 1 && columnStart.Length == columns + 1
                && rowStart[^1] == rowColumns.Length && columnStart[^1] == columnRows.Length
                && rowColumns.Length == columnRows.Length && stream.Position == stream.Length;
            return consistent ? new ParityCheckMatrix(columns, rows, rowStart, rowColumns, columnStart, columnRows) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or EndOfStreamException or OutOfMemoryException)
        {
            return null;
        }
    }

    private static void TryWrite(string path, ParityCheckMatrix matrix)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            string temporary = $"{path}.{Environment.ProcessId}.tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            using (var writer = new BinaryWriter(stream))
            {
                writer.Write(Magic);
                writer.Write(matrix.Columns);
                writer.Write(matrix.Rows);
                WriteArray(writer, matrix.RowStart);
                WriteArray(writer, matrix.RowColumns);
                WriteArray(writer, matrix.ColumnStart);
                WriteArray(writer, matrix.ColumnRows);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only or full disk only costs the next process a construction.
        }
    }

    private static int[] ReadArray(BinaryReader reader)
    {
        int length = reader.ReadInt32();
        if (length < 0 || length > 64_000_000)
        {
            throw new EndOfStreamException("implausible array length");
        }

        int[] values = new int[length];
        Span<byte> bytes = MemoryMarshal.AsBytes(values.AsSpan());
        reader.BaseStream.ReadExactly(bytes);
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(values[i]);
            }
        }

        return values;
    }

    private static void WriteArray(BinaryWriter writer, int[] values)
    {
        writer.Write(values.Length);
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
        }
        else
        {
            foreach (int value in values)
            {
                writer.Write(value);
            }
        }
    }
}
