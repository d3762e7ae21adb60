using JinanOnboard.Distillation.KeyStorage;
using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Distillation.Tests.Exchange.TestSupport;

namespace JinanOnboard.Distillation.Tests.Exchange;

/// <summary>
/// The two-generals case (protocol-spec/distillation.md §Settlement): a Commit lost for good leaves the payload's key
/// pending in its durable journal, and the next contact settles it so both key stores end up holding the same keys.
/// </summary>
public sealed class SettlementTests : IDisposable
{
    /// <summary>Blocks of 5 packets: the shared pass then makes two, so one can be stored while the other is not.</summary>
    private static readonly DistillationOptions Options = SharedPass.Options with { BlockPackets = 5 };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "jinan-settle-" + Guid.NewGuid().ToString("N"));

    private string GroundDirectory => Path.Combine(_root, "ground");

    private string PayloadDirectory => Path.Combine(_root, "payload");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Keys_whose_commit_was_lost_for_good_are_stored_at_the_next_contact()
    {
        int stored = await RunPassWithLostCommitsAsync(tamper: null);
        Assert.True(stored > 0, "expected stored blocks from the shared pass");

        using (var afterPass = KeyStore.Open(PayloadDirectory))
        {
            Assert.Empty(afterPass.Blocks); // the two-generals window: the OGS stored, the payload only holds them pending
        }

        (DistillationBench next, KeyStore groundStore, KeyStore payloadStore, PendingKeyJournal journal) = OpenNextContact();
        using (groundStore)
        using (payloadStore)
        using (journal)
        {
            Assert.Equal(stored, journal.Unsettled.Count);
            await next.Payload.QueryEarlierPassesAsync();
            await next.Network.PumpAsync(next.Ground, next.Payload);

            Assert.Equal(stored, next.Payload.EarlierKeysStored);
            Assert.Equal(0, next.Payload.AwaitingSettlement);
            Assert.Empty(journal.Unsettled);
            Assert.Equal(groundStore.Sha256OfKeys("pass-1"), payloadStore.Sha256OfKeys("pass-1"));
            Assert.Equal(stored, payloadStore.Of("pass-1").Count());
        }

        // Everything settled: the journal was erased when it closed, so erased keys do not linger on disk.
        Assert.False(File.Exists(Path.Combine(PayloadDirectory, PendingKeyJournal.FileName)));
    }

    [Fact]
    public void A_journal_whose_keys_are_all_settled_is_erased_when_it_closes_and_one_with_pending_keys_is_kept()
    {
        string path = Path.Combine(PayloadDirectory, PendingKeyJournal.FileName);
        using var store = KeyStore.Open(PayloadDirectory);
        using (var journal = PendingKeyJournal.Open(store, "pass-1"))
        {
            journal.Hold(0, [0x0F], 8);
            store.Append(0, "pass-1", [0x0F], 8);
            journal.Settle(0);
            journal.Hold(1, [0xF0], 8); // its Commit never comes
        }

        Assert.True(File.Exists(path));
        using (var journal = PendingKeyJournal.Open(store, "pass-2"))
        {
            Assert.Equal([new PendingKeyName("pass-1", 1)], journal.Unsettled);
            journal.SettleEarlier(new PendingKeyName("pass-1", 1), SettlementDecision.NotStored);
        }

        Assert.False(File.Exists(path));
        Assert.Equal([0L], store.Of("pass-1").Select(b => b.BlockId));
    }

    [Fact]
    public async Task A_key_the_ogs_never_stored_is_erased_at_the_next_contact()
    {
        // The first feedback is damaged: the OGS abandons that block and its Commit(discard) is lost too.
        bool flipped = false;
        int stored = await RunPassWithLostCommitsAsync((type, body) =>
        {
            if (type != DistillationMessageType.Feedback || flipped)
            {
                return body;
            }

            flipped = true;
            byte[] copy = (byte[])body.Clone();
            copy[6] ^= 0x01;
            return copy;
        });

        (DistillationBench next, KeyStore groundStore, KeyStore payloadStore, PendingKeyJournal journal) = OpenNextContact();
        using (groundStore)
        using (payloadStore)
        using (journal)
        {
            Assert.Equal(stored + 1, journal.Unsettled.Count);
            await next.Payload.QueryEarlierPassesAsync();
            await next.Network.PumpAsync(next.Ground, next.Payload);

            Assert.Equal(stored, next.Payload.EarlierKeysStored);
            Assert.Equal(1, next.Payload.EarlierKeysDiscarded);
            Assert.Empty(journal.Unsettled);
            Assert.Equal(groundStore.Sha256OfKeys(), payloadStore.Sha256OfKeys());
            Assert.Equal(
                groundStore.Blocks.Select(b => (b.PassId, b.BlockId)),
                payloadStore.Blocks.OrderBy(b => b.BlockId).Select(b => (b.PassId, b.BlockId)));
        }
    }

    [Fact]
    public async Task A_station_that_never_saw_the_pass_leaves_the_keys_pending()
    {
        int stored = await RunPassWithLostCommitsAsync(tamper: null);
        Directory.Delete(GroundDirectory, recursive: true); // another OGS answers the next contact

        (DistillationBench next, KeyStore groundStore, KeyStore payloadStore, PendingKeyJournal journal) = OpenNextContact();
        using (groundStore)
        using (payloadStore)
        using (journal)
        {
            await next.Payload.QueryEarlierPassesAsync();
            await next.Network.PumpAsync(next.Ground, next.Payload);

            Assert.Equal(0, next.Payload.EarlierKeysStored + next.Payload.EarlierKeysDiscarded);
            Assert.Equal(stored, journal.Unsettled.Count);
            Assert.Empty(payloadStore.Blocks);
        }
    }

    [Fact]
    public void A_crash_between_storing_and_settling_leaves_nothing_unsettled()
    {
        byte[] key = [0x5A, 0x03];
        using (var store = KeyStore.Open(PayloadDirectory))
        using (var journal = PendingKeyJournal.Open(store, "pass-1"))
        {
            journal.Hold(0, key, 10);
            journal.Hold(1, key, 10);
            store.Append(0, "pass-1", key, 10); // Commit(store) for block 0; the process dies before journal.Settle(0)
        }

        using var reopened = KeyStore.Open(PayloadDirectory);
        using var next = PendingKeyJournal.Open(reopened, "pass-2");
        Assert.Equal([new PendingKeyName("pass-1", 1)], next.Unsettled);
    }

    [Fact]
    public void A_pass_with_unsettled_keys_of_its_own_cannot_run_again()
    {
        using (var store = KeyStore.Open(PayloadDirectory))
        using (var journal = PendingKeyJournal.Open(store, "pass-1"))
        {
            journal.Hold(0, [0x01], 8);
        }

        using var reopened = KeyStore.Open(PayloadDirectory);
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => PendingKeyJournal.Open(reopened, "pass-1"));
        Assert.Contains("unsettled keys of pass-1", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Pass "pass-1" over durable stores with every Commit lost; returns the blocks the OGS stored.</summary>
    private async Task<int> RunPassWithLostCommitsAsync(Func<DistillationMessageType, byte[], byte[]>? tamper)
    {
        using var groundStore = KeyStore.Open(GroundDirectory);
        using var payloadStore = KeyStore.Open(PayloadDirectory);
        using var journal = PendingKeyJournal.Open(payloadStore, "pass-1");
        var bench = new DistillationBench(Options, SharedPass.Store, durable: new(
            new KeyStoreSink(groundStore, "pass-1"), new KeyStoreSink(payloadStore, "pass-1"), journal));
        bench.Network.Drop = type => type == DistillationMessageType.Commit;
        bench.Network.Tamper = tamper;
        await bench.RunAsync(SharedPass.Detections);
        return groundStore.Blocks.Count;
    }

    /// <summary>The next contact, pass "pass-2": both stores reopened, the journal listing pass-1's pending keys.</summary>
    private (DistillationBench Bench, KeyStore Ground, KeyStore Payload, PendingKeyJournal Journal) OpenNextContact()
    {
        var groundStore = KeyStore.Open(GroundDirectory);
        var payloadStore = KeyStore.Open(PayloadDirectory);
        PendingKeyJournal journal = PendingKeyJournal.Open(payloadStore, "pass-2");
        var bench = new DistillationBench(Options, SharedPass.Store, durable: new(
            new KeyStoreSink(groundStore, "pass-2"), new KeyStoreSink(payloadStore, "pass-2"), journal));
        return (bench, groundStore, payloadStore, journal);
    }
}
