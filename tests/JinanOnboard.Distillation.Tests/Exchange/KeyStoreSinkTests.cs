using JinanOnboard.Distillation.KeyStorage;
using JinanOnboard.Distillation.Exchange;

namespace JinanOnboard.Distillation.Tests.Exchange;

public sealed class KeyStoreSinkTests
{
    [Fact]
    public void Appends_final_keys_to_the_durable_key_store_with_block_id_and_pass()
    {
        string directory = Path.Combine(Path.GetTempPath(), "jinan-sink-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (KeyStore store = KeyStore.Open(directory))
            {
                var sink = new KeyStoreSink(store, "pass-1");
                sink.Append(4, [0xAB, 0x01], 9);
                Assert.Equal(9, store.TotalKeyBits);
                Assert.Single(store.Blocks);
            }

            using KeyStore reopened = KeyStore.Open(directory);
            Assert.Equal(9, reopened.TotalKeyBits);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
