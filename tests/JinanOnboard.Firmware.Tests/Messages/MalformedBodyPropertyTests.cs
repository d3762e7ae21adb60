using CsCheck;
using JinanOnboard.Primitives.Wire;
using JinanOnboard.Runtime.Messages;

namespace JinanOnboard.Firmware.Tests.Messages;

/// <summary>
/// messages.md: a body that does not parse exactly is dropped and counted. The link counts only
/// <see cref="MalformedMessageException"/>, so any other exception from a decoder would stop a session.
/// </summary>
public sealed class MalformedBodyPropertyTests
{
    private const long Iterations = 3000;

    private static readonly Gen<byte[]> RandomBody = Gen.Byte.Array[0, 160];

    private static readonly (string Name, Action<byte[]> Decode)[] Decoders =
    [
        ("sync word batch", b => SyncWordBatch.Decode(b)),
        ("housekeeping", b => Housekeeping.Decode(b)),
        ("pass start", b => PassStart.Decode(b)),
        ("pass complete", b => PassComplete.Decode(b)),
        ("summary", b => SessionSummary.Decode(b)),
        ("measure reference", b => MeasureReference.Decode(b)),
        ("reference counts", b => ReferenceCounts.Decode(b)),
        ("calibration result", b => CalibrationResult.Decode(b)),
    ];

    [Fact]
    public void Random_bodies_decode_or_are_malformed_never_another_exception()
    {
        foreach ((string name, Action<byte[]> decode) in Decoders)
        {
            RandomBody.Sample(body => DecodesOrIsMalformed(name, decode, body), iter: Iterations);
        }
    }

    [Fact]
    public void Random_bodies_shaped_like_each_message_decode_or_are_malformed()
    {
        // Random bytes rarely get past the first length check; give plausible headers so the later
        // fields (counts, names, times, JSON content) are exercised too.
        Gen<byte[]> syncLike = Gen.Select(Gen.UShort[0, 12], Gen.Byte.Array[0, 120],
            (count, rest) => (byte[])[.. new byte[8], (byte)(count >> 8), (byte)count, .. rest]);
        Gen<byte[]> housekeepingLike = Gen.Select(Gen.Byte[0, 2], Gen.UShort[0, 4], Gen.Byte.Array[0, 80],
            (role, count, rest) => (byte[])[role, .. new byte[8], (byte)(count >> 8), (byte)count, .. rest]);
        Gen<byte[]> jsonLike = Gen.String[Gen.Char["{}[]\":,0123456789.eE-+ \\aun\u00e9"], 0, 40]
            .Select(s => System.Text.Encoding.UTF8.GetBytes(s));

        syncLike.Sample(b => DecodesOrIsMalformed("sync word batch", b2 => SyncWordBatch.Decode(b2), b), iter: Iterations);
        housekeepingLike.Sample(b => DecodesOrIsMalformed("housekeeping", b2 => Housekeeping.Decode(b2), b), iter: Iterations);
        jsonLike.Sample(b => DecodesOrIsMalformed("summary", b2 => SessionSummary.Decode(b2), b), iter: Iterations);
    }

    [Fact]
    public void Sync_word_batches_round_trip_and_any_truncation_or_trailing_bytes_are_malformed()
    {
        Gen<SyncWordBatch> batches = Gen.Select(Gen.ULong, Gen.Long[-1_000_000_000_000, 1_000_000_000_000], Gen.Long[1, 1_000_000_000].Array[1, 40],
            (first, start, steps) =>
            {
                long[] times = new long[steps.Length];
                long t = start;
                for (int i = 0; i < steps.Length; i++)
                {
                    times[i] = t;
                    t += steps[i];
                }

                return new SyncWordBatch(first, times);
            });

        Gen.Select(batches, Gen.Double[0, 1], Gen.Byte.Array[1, 8]).Sample((batch, cut, trailing) =>
        {
            byte[] body = batch.Encode();
            SyncWordBatch decoded = SyncWordBatch.Decode(body);
            Assert.Equal(batch.FirstIndex, decoded.FirstIndex);
            Assert.Equal(batch.EmissionTimesPs, decoded.EmissionTimesPs);

            int length = (int)(cut * body.Length) % body.Length;
            Assert.Throws<MalformedMessageException>(() => SyncWordBatch.Decode(body.AsSpan(0, length)));
            Assert.Throws<MalformedMessageException>(() => SyncWordBatch.Decode([.. body, .. trailing]));
        }, iter: Iterations);
    }

    [Fact]
    public void Housekeeping_reports_round_trip_and_any_truncation_or_trailing_bytes_are_malformed()
    {
        Gen<KeyValuePair<string, double>> entry = Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 30], Gen.Double,
            (name, value) => new KeyValuePair<string, double>(name, value));
        Gen<Housekeeping> reports = Gen.Select(Gen.Byte[0, 1], Gen.Long, entry.Array[0, 12],
            (role, time, values) => new Housekeeping(role, time, values));

        Gen.Select(reports, Gen.Double[0, 1], Gen.Byte.Array[1, 8]).Sample((report, cut, trailing) =>
        {
            byte[] body = report.Encode();
            Housekeeping decoded = Housekeeping.Decode(body);
            Assert.Equal(report.Role, decoded.Role);
            Assert.Equal(report.PassTimeUs, decoded.PassTimeUs);
            Assert.Equal(report.Values.Select(v => v.Key), decoded.Values.Select(v => v.Key));
            Assert.Equal(report.Values.Select(v => BitConverter.DoubleToInt64Bits(v.Value)), decoded.Values.Select(v => BitConverter.DoubleToInt64Bits(v.Value)));

            int length = (int)(cut * body.Length) % body.Length;
            Assert.Throws<MalformedMessageException>(() => Housekeeping.Decode(body.AsSpan(0, length)));
            Assert.Throws<MalformedMessageException>(() => Housekeeping.Decode([.. body, .. trailing]));
        }, iter: Iterations);
    }

    private static void DecodesOrIsMalformed(string name, Action<byte[]> decode, byte[] body)
    {
        try
        {
            decode(body);
        }
        catch (MalformedMessageException)
        {
        }
        catch (Exception ex)
        {
            Assert.Fail($"{name}: {ex.GetType().Name} ({ex.Message}) for body {Convert.ToHexString(body)}");
        }
    }
}
