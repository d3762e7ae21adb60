using System.Security.Cryptography;
using JinanOnboard.Distillation.Exchange;

namespace JinanOnboard.Distillation.KeyStorage;

/// <summary>
/// The payload's durable pending keys (protocol-spec/distillation.md §Settlement), in a second append-only file of the
/// key store directory, <c>pending-keys.jks</c>, with the records of <see cref="KeyRecordCodec"/>: a <em>hold</em> record
/// (pass id, block id, the key) written and fsynced before the feedback leaves, and a <em>settled</em> record (pass id
/// prefixed <c>settled:</c>, same block id, no key bits) once the key is in the key store or discarded. A hold without a
/// settled record is unsettled, unless the key store already holds that key (a crash between storing and settling).
/// When nothing is unsettled (at open, or at dispose with this pass's keys all settled) the journal is overwritten with
/// zeros and removed, so erased keys do not linger on disk.
/// </summary>
public sealed class PendingKeyJournal : IPendingKeyJournal, IDisposable
{
    /// <summary>File name of the journal inside the key store directory.</summary>
    public const string FileName = "pending-keys.jks";

    private const string SettledPrefix = "settled:";

    private readonly KeyStore _finalKeys;
    private readonly string _passId;
    private readonly List<PendingKeyName> _unsettled;
    private readonly HashSet<uint> _heldThisPass = [];
    private readonly KeyStore _journal;

    private PendingKeyJournal(KeyStore finalKeys, string passId, KeyStore journal, List<PendingKeyName> unsettled)
    {
        _finalKeys = finalKeys;
        _passId = passId;
        _journal = journal;
        _unsettled = unsettled;
    }

    /// <inheritdoc />
    public IReadOnlyList<PendingKeyName> Unsettled => _unsettled;

    /// <summary>
    /// Opens the journal beside <paramref name="finalKeys"/> for pass <paramref name="passId"/>: earlier passes' unsettled
    /// keys are listed in <see cref="Unsettled"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The journal holds an unsettled key of <paramref name="passId"/> itself.</exception>
    public static PendingKeyJournal Open(KeyStore finalKeys, string passId)
    {
        ArgumentNullException.ThrowIfNull(finalKeys);
        ArgumentException.ThrowIfNullOrWhiteSpace(passId);
        KeyStore journal = KeyStore.Open(finalKeys.Directory, FileName);
        var settled = journal.Blocks.Where(b => b.PassId.StartsWith(SettledPrefix, StringComparison.Ordinal))
            .Select(b => (b.PassId[SettledPrefix.Length..], b.BlockId)).ToHashSet();
        List<PendingKeyName> unsettled = [.. journal.Blocks
            .Where(b => !b.PassId.StartsWith(SettledPrefix, StringComparison.Ordinal))
            .Where(b => !settled.Contains((b.PassId, b.BlockId)) && !finalKeys.Contains(b.PassId, b.BlockId))
            .Select(b => new PendingKeyName(b.PassId, checked((uint)b.BlockId)))];
        if (unsettled.Exists(k => k.PassId == passId))
        {
            journal.Dispose();
            throw new InvalidOperationException(
                $"the pending-key journal in {finalKeys.Directory} holds unsettled keys of {passId} itself: that pass cannot be run again");
        }

        if (unsettled.Count == 0 && journal.Blocks.Count > 0)
        {
            // Everything settled: start an empty journal (the settled keys are in the key store or erased).
            journal.Dispose();
            Erase(Path.Combine(finalKeys.Directory, FileName));
            journal = KeyStore.Open(finalKeys.Directory, FileName);
        }

        return new PendingKeyJournal(finalKeys, passId, journal, unsettled);
    }

    /// <inheritdoc />
    public void Hold(uint blockId, ReadOnlySpan<byte> key, long keyBits)
    {
        _journal.Append(blockId, _passId, key, checked((int)keyBits), "pending");
        _heldThisPass.Add(blockId);
    }

    /// <inheritdoc />
    public void Settle(uint blockId)
    {
        MarkSettled(new PendingKeyName(_passId, blockId));
        _heldThisPass.Remove(blockId);
    }

    /// <inheritdoc />
    public void SettleEarlier(PendingKeyName name, SettlementDecision decision)
    {
        if (decision == SettlementDecision.UnknownPass || !_unsettled.Contains(name))
        {
            return;
        }

        if (decision == SettlementDecision.Stored && !_finalKeys.Contains(name.PassId, name.BlockId))
        {
            byte[] key = _journal.ReadKey(name.PassId, name.BlockId);
            try
            {
                int bits = _journal.Of(name.PassId).First(b => b.BlockId == name.BlockId).BitCount;
                _finalKeys.Append(name.BlockId, name.PassId, key, bits, "settled at a later contact");
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }

        MarkSettled(name);
        _unsettled.Remove(name);
    }

    /// <summary>Closes the journal; when every key it ever held is settled, erases it.</summary>
    public void Dispose()
    {
        bool settled = _unsettled.Count == 0 && _heldThisPass.Count == 0 && _journal.Blocks.Count > 0;
        string path = _journal.FilePath;
        _journal.Dispose();
        if (settled)
        {
            Erase(path);
        }
    }

    /// <summary>Overwrites the file with zeros (fsynced) before deleting it: the journal held key material.</summary>
    private static void Erase(string path)
    {
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None))
        {
            byte[] zeros = new byte[64 * 1024];
            for (long left = stream.Length; left > 0; left -= zeros.Length)
            {
                stream.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
            }

            stream.Flush(flushToDisk: true);
        }

        File.Delete(path);
    }

    private void MarkSettled(PendingKeyName name)
    {
        if (!_journal.Contains(SettledPrefix + name.PassId, name.BlockId))
        {
            _journal.Append(name.BlockId, SettledPrefix + name.PassId, [], 0, "settled");
        }
    }
}
