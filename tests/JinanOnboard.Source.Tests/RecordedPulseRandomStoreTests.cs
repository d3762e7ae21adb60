using System.Buffers.Binary;

using JinanOnboard.Source.Random;

namespace JinanOnboard.Source.Tests;

public sealed class RecordedPulseRandomStoreTests
{
    private const int RecordedPulses = 5_000;

    [Fact]
    public void A_recording_of_the_generator_words_decodes_to_the_same_choices()
    {
        var generated = new PhiloxPulseRandomStore(77, SourceConfiguration.Jinan1);
        using var recorded = new RecordedPulseRandomStore(new MemoryStream(Record(generated, RecordedPulses)), SourceConfiguration.Jinan1);

        Assert.Equal(RecordedPulses, recorded.PulseCapacity);
        var fromRecording = new PulseChoice[RecordedPulses];
        var fromGenerator = new PulseChoice[RecordedPulses];
        recorded.GetChoices(0, fromRecording);
        generated.GetChoices(0, fromGenerator);
        Assert.Equal(fromGenerator, fromRecording);
        Assert.Equal(generated.GetChoice(4_321), recorded.GetChoice(4_321));
    }

    [Fact]
    public void Data_offset_skips_a_header_and_a_trailing_partial_word_is_not_a_pulse()
    {
        var generated = new PhiloxPulseRandomStore(3, SourceConfiguration.Jinan1);
        byte[] words = Record(generated, 100);
        byte[] file = new byte[16 + words.Length + 5];
        words.CopyTo(file, 16);
        using var recorded = new RecordedPulseRandomStore(new MemoryStream(file), SourceConfiguration.Jinan1, dataOffsetBytes: 16);

        Assert.Equal(100, recorded.PulseCapacity);
        Assert.Equal(generated.GetChoice(99), recorded.GetChoice(99));
        Assert.Throws<ArgumentOutOfRangeException>(() => recorded.GetChoice(100));
    }

    [Fact]
    public void Known_word_decodes_per_the_documented_layout()
    {
        // bits 0..31 = 2^30 (< 2^31: signal), bit 32 = 1 (bit 1), bits 33..63 = 2^30 (not < 2^30 = 0.5 · 2^31: X basis).
        ulong word = 0x40000000UL | (1UL << 32) | ((1UL << 30) << 33);
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, word);
        using var recorded = new RecordedPulseRandomStore(new MemoryStream(bytes), SourceConfiguration.Jinan1);

        Assert.Equal(new PulseChoice(PulseChoice.SignalIntensity, PulseBasis.X, 1), recorded.GetChoice(0));
    }

    [Fact]
    public void Ranges_beyond_the_recording_are_refused_with_a_clear_message()
    {
        using var recorded = new RecordedPulseRandomStore(new MemoryStream(new byte[80]), SourceConfiguration.Jinan1);
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => recorded.GetChoices(8, new PulseChoice[3]));
        Assert.Contains("holds 10 pulses", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => recorded.GetChoice(-1));
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_refused()
    {
        using var pipe = new NonSeekableStream();
        Assert.Throws<ArgumentException>(() => new RecordedPulseRandomStore(pipe, SourceConfiguration.Jinan1));
    }

    [Fact]
    public void Concurrent_lookups_agree_with_sequential_ones()
    {
        var generated = new PhiloxPulseRandomStore(11, SourceConfiguration.Jinan1);
        using var recorded = new RecordedPulseRandomStore(new MemoryStream(Record(generated, RecordedPulses)), SourceConfiguration.Jinan1);
        int mismatches = 0;
        Parallel.For(0, 4, worker =>
        {
            for (int i = worker; i < RecordedPulses; i += 4)
            {
                if (recorded.GetChoice(i) != generated.GetChoice(i))
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        });

        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void OpenFile_reads_a_recording_from_disk()
    {
        var generated = new PhiloxPulseRandomStore(21, SourceConfiguration.Jinan1);
        string path = Path.Combine(Path.GetTempPath(), $"rng-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, Record(generated, 64));
        try
        {
            using RecordedPulseRandomStore recorded = RecordedPulseRandomStore.OpenFile(path, SourceConfiguration.Jinan1);
            Assert.Equal(64, recorded.PulseCapacity);
            Assert.Equal(generated.GetChoice(63), recorded.GetChoice(63));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Record(PhiloxPulseRandomStore generator, int pulses)
    {
        byte[] bytes = new byte[pulses * RecordedPulseRandomStore.BytesPerPulse];
        for (int i = 0; i < pulses; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8, 8), generator.RawWord(i));
        }

        return bytes;
    }

    private sealed class NonSeekableStream : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
