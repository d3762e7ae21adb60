using System.Security.Cryptography;

namespace JinanOnboard.Distillation.KeyStorage;

/// <summary>
/// Append-only store of final keys on one side (issue 3 item 9), across passes: a key is named by its pass id and its
/// PA block id (block ids restart at 0 every pass). Every key is one framed record
/// (<see cref="KeyRecordCodec"/>) appended and fsynced; a crash mid-append leaves a torn tail whose length or
/// CRC does not check, and the next <see cref="Open"/> cuts it off, so a reader never sees half a key.
/// One writer per directory (the file is opened exclusively). No key material in ToString, exceptions or logs.
/// </summary>
/// <remarks>Namespace KeyStorage (folder KeyStore/) so the type name does not collide with its namespace.</remarks>
public sealed class KeyStore : IDisposable
{
    /// <summary>File name of the key file inside the store directory.</summary>
    public const string FileName = "final-keys.jks";

    private readonly FileStream file;
    private readonly string fileName;
    private readonly List<StoredKeyInfo> blocks = [];
    private readonly Dictionary<(string PassId, long BlockId), (long Offset, int Length)> locations = [];
    private long totalKeyBits;

    private KeyStore(string directory, string fileName, FileStream file)
    {
        Directory = directory;
        this.fileName = fileName;
        this.file = file;
    }

    /// <summary>The store directory.</summary>
    public string Directory { get; }

    /// <summary>Path of the key file.</summary>
    public string FilePath => Path.Combine(Directory, fileName);

    /// <summary>Bytes of a torn or corrupt tail that <see cref="Open"/> cut off (0 after a clean shutdown).</summary>
    public long DiscardedTailBytes { get; private set; }

    /// <summary>The stored keys in append order, without key material.</summary>
    public IReadOnlyList<StoredKeyInfo> Blocks => blocks;

    /// <summary>Sum of the stored key lengths in bits.</summary>
    public long TotalKeyBits => totalKeyBits;

    /// <summary>
    /// Opens (creating if needed) the store in <paramref name="directory"/>, checks every record and cuts off a
    /// torn tail. Throws <see cref="IOException"/> when another writer holds the store.
    /// </summary>
    public static KeyStore Open(string directory) => Open(directory, FileName);

    /// <summary>As <see cref="Open(string)"/>, on the file <paramref name="fileName"/> in <paramref name="directory"/>.</summary>
    public static KeyStore Open(string directory, string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        System.IO.Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, fileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException ex)
        {
            throw new IOException($"The key store '{directory}' is already open by another writer.", ex);
        }

        var store = new KeyStore(directory, fileName, stream);
        try
        {
            store.Recover();
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        return store;
    }

    /// <summary>
    /// Appends one final key and makes it durable (fsync) before returning.
    /// </summary>
    /// <param name="blockId">PA block id; a block of this pass already stored is refused, so a key is never stored twice.</param>
    /// <param name="passId">The pass the block belongs to.</param>
    /// <param name="key">The key, at least ceil(bitCount/8) bytes; bits past bitCount are stored as 0.</param>
    /// <param name="bitCount">ℓ &gt;= 0.</param>
    /// <param name="metadata">Optional free text; must not contain key material.</param>
    /// <exception cref="InvalidOperationException">The block of this pass is already stored.</exception>
    public void Append(long blockId, string passId, ReadOnlySpan<byte> key, int bitCount, string metadata = "")
    {
        ObjectDisposedException.ThrowIf(!file.CanWrite, this);
        ArgumentNullException.ThrowIfNull(passId);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentOutOfRangeException.ThrowIfNegative(bitCount);
        if (key.Length < ((long)bitCount + 7) / 8)
        {
            throw new ArgumentException($"The key holds {(long)key.Length * 8} bits, fewer than {bitCount}.", nameof(key));
        }

        if (locations.ContainsKey((passId, blockId)))
        {
            throw new InvalidOperationException($"Block {blockId} of {passId} is already in the key store.");
        }

        byte[] record = KeyRecordCodec.Encode(blockId, passId, metadata, key, bitCount);
        long offset = file.Length;
        try
        {
            file.Position = offset;
            file.Write(record);
            file.Flush(flushToDisk: true);
        }
        catch
        {
            // Leave the file ending on a record boundary so later appends stay readable.
            TryTruncate(offset);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(record);
        }

        Add(new StoredKeyInfo(blockId, passId, bitCount, metadata), offset, record.Length);
    }

    /// <summary>True when block <paramref name="blockId"/> of pass <paramref name="passId"/> is stored.</summary>
    public bool Contains(string passId, long blockId) => locations.ContainsKey((passId, blockId));

    /// <summary>True when any key of pass <paramref name="passId"/> is stored.</summary>
    public bool HoldsPass(string passId) => blocks.Exists(b => b.PassId == passId);

    /// <summary>Reads one stored key back from the file (ceil(bits/8) bytes, unused bits 0).</summary>
    /// <exception cref="KeyNotFoundException">The block is not stored.</exception>
    public byte[] ReadKey(string passId, long blockId)
    {
        if (!locations.TryGetValue((passId, blockId), out (long Offset, int Length) where))
        {
            throw new KeyNotFoundException($"Block {blockId} of {passId} is not in the key store.");
        }

        byte[] record = ReadAt(where.Offset, where.Length);
        try
        {
            if (!KeyRecordCodec.TryDecode(record, out StoredKeyInfo info, out int keyOffset, out _) || info.BlockId != blockId || info.PassId != passId)
            {
                throw new InvalidDataException($"The record of block {blockId} no longer checks.");
            }

            return record.AsSpan(keyOffset, (int)(((long)info.BitCount + 7) / 8)).ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(record);
        }
    }

    /// <summary>
    /// SHA-256 (lower-case hex) of the stored keys of pass <paramref name="passId"/> (every pass when null) in ascending
    /// (pass id ordinal, block id), each as its ceil(bits/8) bytes with unused bits 0, concatenated; both sides hold the
    /// same keys exactly when these agree (bench report.json). Block-id order, not append order: blocks settle in either
    /// order on the two sides when several are in flight.
    /// </summary>
    public string Sha256OfKeys(string? passId = null)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (StoredKeyInfo info in Of(passId).OrderBy(b => b.PassId, StringComparer.Ordinal).ThenBy(b => b.BlockId))
        {
            byte[] key = ReadKey(info.PassId, info.BlockId);
            sha.AppendData(key);
            CryptographicOperations.ZeroMemory(key);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The stored keys of pass <paramref name="passId"/> (every pass when null), append order, without key material.</summary>
    public IEnumerable<StoredKeyInfo> Of(string? passId) => passId is null ? blocks : blocks.Where(b => b.PassId == passId);

    /// <summary>Counts and directory only; never key material.</summary>
    public override string ToString() =>
        $"KeyStore({Directory}, {blocks.Count} blocks, {totalKeyBits} bits)";

    /// <inheritdoc/>
    public void Dispose() => file.Dispose();

    private void Recover()
    {
        long length = file.Length;
        byte[] data = ReadAt(0, checked((int)length));
        try
        {
            int at = 0;
            while (at < data.Length
                && KeyRecordCodec.TryDecode(data.AsSpan(at), out StoredKeyInfo info, out _, out int recordLength)
                && !locations.ContainsKey((info.PassId, info.BlockId)))
            {
                Add(info, at, recordLength);
                at += recordLength;
            }

            if (at < data.Length)
            {
                DiscardedTailBytes = data.Length - at;
                file.SetLength(at);
                file.Flush(flushToDisk: true);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(data);
        }
    }

    private void Add(StoredKeyInfo info, long offset, int length)
    {
        blocks.Add(info);
        locations.Add((info.PassId, info.BlockId), (offset, length));
        totalKeyBits += info.BitCount;
    }

    private byte[] ReadAt(long offset, int length)
    {
        byte[] buffer = new byte[length];
        file.Position = offset;
        file.ReadExactly(buffer);
        return buffer;
    }

    private void TryTruncate(long length)
    {
        try
        {
            file.SetLength(length);
        }
        catch (IOException)
        {
            // Open() cuts the torn tail on the next start.
        }
    }
}
