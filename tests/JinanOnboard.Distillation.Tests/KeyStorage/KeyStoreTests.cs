using System.Security.Cryptography;
using JinanOnboard.Distillation.KeyStorage;

namespace JinanOnboard.Distillation.Tests.KeyStorage;

public sealed class KeyStoreTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "jinan-keystore-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static byte[] Key(int seed, int bits)
    {
        byte[] key = new byte[(bits + 7) / 8];
        new Random(seed).NextBytes(key);
        if (bits % 8 != 0)
        {
            key[^1] &= (byte)((1 << (bits % 8)) - 1);
        }

        return key;
    }

    private string KeyFile => Path.Combine(directory, KeyStore.FileName);

    [Fact]
    public void Keys_round_trip_through_a_reopen()
    {
        using (var store = KeyStore.Open(directory))
        {
            store.Append(1, "pass-7", Key(1, 81217), 81217, "qber=0.011");
            store.Append(2, "pass-7", Key(2, 64), 64);
            store.Append(5, "pass-8", Key(5, 0), 0);
        }

        using var reopened = KeyStore.Open(directory);
        Assert.Equal(0, reopened.DiscardedTailBytes);
        Assert.Equal(
            [new StoredKeyInfo(1, "pass-7", 81217, "qber=0.011"), new StoredKeyInfo(2, "pass-7", 64, ""), new StoredKeyInfo(5, "pass-8", 0, "")],
            reopened.Blocks);
        Assert.Equal(81217 + 64, reopened.TotalKeyBits);
        Assert.Equal(Key(1, 81217), reopened.ReadKey("pass-7", 1));
        Assert.Equal(Key(2, 64), reopened.ReadKey("pass-7", 2));
        Assert.Empty(reopened.ReadKey("pass-8", 5));
        Assert.True(reopened.Contains("pass-7", 2));
        Assert.False(reopened.Contains("pass-7", 3));
        Assert.False(reopened.Contains("pass-8", 2));
        Assert.Throws<KeyNotFoundException>(() => reopened.ReadKey("pass-7", 3));
        Assert.True(reopened.HoldsPass("pass-8"));
        Assert.False(reopened.HoldsPass("pass-9"));
    }

    [Fact]
    public void Every_pass_numbers_its_blocks_from_zero_and_keys_are_named_by_pass_and_block()
    {
        // One payload key store serves every pass of the mission; PA block ids restart at 0 each pass.
        using (var store = KeyStore.Open(directory))
        {
            store.Append(0, "pass-1", Key(1, 100), 100);
            store.Append(1, "pass-1", Key(2, 90), 90);
            store.Append(0, "pass-2", Key(3, 80), 80);
            Assert.Throws<InvalidOperationException>(() => store.Append(0, "pass-2", Key(4, 80), 80));
        }

        using var reopened = KeyStore.Open(directory);
        Assert.Equal(0, reopened.DiscardedTailBytes);
        Assert.Equal(3, reopened.Blocks.Count);
        Assert.Equal(Key(1, 100), reopened.ReadKey("pass-1", 0));
        Assert.Equal(Key(3, 80), reopened.ReadKey("pass-2", 0));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Key(3, 80))), reopened.Sha256OfKeys("pass-2"));
        Assert.Equal(
            Convert.ToHexStringLower(SHA256.HashData([.. Key(1, 100), .. Key(2, 90), .. Key(3, 80)])),
            reopened.Sha256OfKeys());
        Assert.Equal([0L, 1L], reopened.Of("pass-1").Select(b => b.BlockId));
    }

    [Fact]
    public void Sha256_covers_every_key_in_block_id_order_whatever_the_append_order()
    {
        // The two sides may settle blocks 10 and 11 in either order (seen in the end-to-end test).
        byte[] a = Key(1, 1000);
        byte[] b = Key(2, 13);
        string expected = Convert.ToHexStringLower(SHA256.HashData([.. a, .. b]));
        using (var store = KeyStore.Open(directory))
        {
            store.Append(11, "p", b, 13);
            store.Append(10, "p", a, 1000);
            Assert.Equal(expected, store.Sha256OfKeys());
        }

        using var reopened = KeyStore.Open(directory);
        Assert.Equal(expected, reopened.Sha256OfKeys());
    }

    [Fact]
    public void Empty_store_hashes_the_empty_string()
    {
        using var store = KeyStore.Open(directory);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", store.Sha256OfKeys());
    }

    [Fact]
    public void Bits_past_the_key_length_are_stored_as_zero()
    {
        using var store = KeyStore.Open(directory);
        store.Append(1, "p", [0xFF, 0xFF], 10);
        Assert.Equal([0xFF, 0x03], store.ReadKey("p", 1));
    }

    [Fact]
    public void A_torn_last_record_is_cut_off_at_every_possible_tear_and_earlier_keys_survive()
    {
        long intactLength;
        using (var store = KeyStore.Open(directory))
        {
            store.Append(1, "p", Key(1, 300), 300);
            store.Append(2, "p", Key(2, 77), 77);
            intactLength = new FileInfo(KeyFile).Length;
            store.Append(3, "p", Key(3, 200), 200, "last");
        }

        byte[] full = File.ReadAllBytes(KeyFile);
        for (long cut = intactLength + 1; cut < full.Length; cut++)
        {
            File.WriteAllBytes(KeyFile, full[..(int)cut]);
            using var store = KeyStore.Open(directory);
            Assert.Equal([1L, 2L], store.Blocks.Select(block => block.BlockId));
            Assert.Equal(cut - intactLength, store.DiscardedTailBytes);
            Assert.Equal(intactLength, new FileInfo(KeyFile).Length);
            Assert.Equal(Key(2, 77), store.ReadKey("p", 2));
        }
    }

    [Fact]
    public void After_a_torn_tail_new_appends_are_readable()
    {
        using (var store = KeyStore.Open(directory))
        {
            store.Append(1, "p", Key(1, 500), 500);
            store.Append(2, "p", Key(2, 500), 500);
        }

        using (FileStream stream = File.Open(KeyFile, FileMode.Open))
        {
            stream.SetLength(stream.Length - 40);
        }

        using (var store = KeyStore.Open(directory))
        {
            Assert.Single(store.Blocks);
            store.Append(2, "p", Key(2, 500), 500);
        }

        using var reopened = KeyStore.Open(directory);
        Assert.Equal(0, reopened.DiscardedTailBytes);
        Assert.Equal(Key(2, 500), reopened.ReadKey("p", 2));
    }

    [Fact]
    public void A_flipped_bit_in_the_last_record_discards_that_record()
    {
        using (var store = KeyStore.Open(directory))
        {
            store.Append(1, "p", Key(1, 100), 100);
            store.Append(2, "p", Key(2, 100), 100);
        }

        byte[] data = File.ReadAllBytes(KeyFile);
        data[^10] ^= 0x04;
        File.WriteAllBytes(KeyFile, data);
        using var reopened = KeyStore.Open(directory);
        Assert.Equal([1L], reopened.Blocks.Select(block => block.BlockId));
    }

    [Fact]
    public void A_second_writer_is_refused_while_the_first_is_open_and_admitted_after()
    {
        using (var first = KeyStore.Open(directory))
        {
            first.Append(1, "p", Key(1, 64), 64);
            IOException error = Assert.Throws<IOException>(() => KeyStore.Open(directory));
            Assert.Contains("already open", error.Message, StringComparison.Ordinal);
        }

        using var second = KeyStore.Open(directory);
        Assert.Single(second.Blocks);
    }

    [Fact]
    public async Task Concurrent_opens_admit_exactly_one_writer()
    {
        using var start = new Barrier(6);
        Task<KeyStore?>[] attempts = [.. Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(10));
            try
            {
                return KeyStore.Open(directory);
            }
            catch (IOException)
            {
                return null;
            }
        }))];
        KeyStore?[] results = await Task.WhenAll(attempts).WaitAsync(TimeSpan.FromSeconds(20));
        KeyStore[] opened = [.. results.OfType<KeyStore>()];
        try
        {
            Assert.Single(opened);
        }
        finally
        {
            foreach (KeyStore store in opened)
            {
                store.Dispose();
            }
        }
    }

    [Fact]
    public void A_block_is_never_stored_twice()
    {
        using var store = KeyStore.Open(directory);
        store.Append(4, "p", Key(4, 64), 64);
        long length = new FileInfo(KeyFile).Length;
        Assert.Throws<InvalidOperationException>(() => store.Append(4, "p", Key(5, 64), 64));
        Assert.Equal(length, new FileInfo(KeyFile).Length);
        Assert.Equal(Key(4, 64), store.ReadKey("p", 4));
    }

    [Fact]
    public void ToString_and_errors_carry_no_key_material()
    {
        using var store = KeyStore.Open(directory);
        byte[] key = Key(9, 256);
        store.Append(9, "p", key, 256);
        string hex = Convert.ToHexString(key);
        string text = store.ToString();
        Assert.DoesNotContain(hex[..16], text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("1 blocks", text, StringComparison.Ordinal);
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => store.Append(9, "p", key, 256));
        Assert.DoesNotContain(hex[..16], error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Short_key_buffers_are_refused()
    {
        using var store = KeyStore.Open(directory);
        Assert.Throws<ArgumentException>(() => store.Append(1, "p", new byte[2], 17));
        Assert.Empty(store.Blocks);
    }
}
