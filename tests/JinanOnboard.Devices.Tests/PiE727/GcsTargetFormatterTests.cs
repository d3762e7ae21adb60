using System.Globalization;
using System.Text;
using JinanOnboard.Devices.Mirrors.PiE727;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Devices.Tests.PiE727;

/// <summary>
/// The MOV target formatter writes exactly the bytes the driver wrote before it (<c>double.TryFormat</c> with
/// "0.#########", invariant culture): GCS 2.0 bytes on the wire must not change with the speed-up (issue 17).
/// </summary>
public sealed class GcsTargetFormatterTests
{
    private static readonly double[] Awkward =
    [
        0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 0.1, -0.4125, 0.25,
        1e-10, -1e-10, 4.999999e-10, 5e-10, -5e-10, 1e-9, 9.9999999e-6, 1e-5, -1e-5, 1e-6, -1e-6,
        0.9999999995, -0.9999999995, 9.9999999995, 0.1234567894999999, 0.1234567895, 0.1234567885,
        1.0 / 3, -2.0 / 3, Math.PI, -Math.E, 0.000123456789012345, -0.000987654321987654,
        6555.0 / 65536, 3.0 / 1024, -12345.0 / (1 << 20), // few binary digits: exact ties at the 15th digit
        99999.99999999999, 99999.9999999995, 1e5, -1e5, 12345.678901234567, 123456.789012345,
        1e15, 1e20, -123456789012345678, 1.7976931348623157e300, double.Epsilon, -double.Epsilon,
        BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(1e-5) - 1),
        BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(1e5) - 1),
        BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(0.0000000015) + 1),
    ];

    public static TheoryData<double> AwkwardValues => new(Awkward);

    [Theory]
    [MemberData(nameof(AwkwardValues))]
    public void Awkward_values_give_the_bytes_of_the_BCL_custom_format(double value)
    {
        Assert.Equal(Bcl(value), Fast(value));
    }

    [Fact]
    public void Two_hundred_thousand_values_across_the_fast_range_and_its_edges_give_the_BCL_bytes()
    {
        var random = new SplitMix64(0x6C5_17);
        int mismatches = 0;
        string firstMismatch = "";
        for (int i = 0; i < 200_000; i++)
        {
            double value = Draw(ref random, i % 5);
            if (Fast(value) != Bcl(value) && mismatches++ == 0)
            {
                firstMismatch = $"{value:R}: {Fast(value)} vs {Bcl(value)}";
            }
        }

        Assert.True(mismatches == 0, $"{mismatches} mismatches, first {firstMismatch}");
    }

    [Fact]
    public void A_destination_too_short_is_refused_not_cut()
    {
        Span<byte> shortBuffer = stackalloc byte[5];

        Assert.False(GcsTargetFormatter.TryFormat(-0.123456789, shortBuffer, out int written));
        Assert.Equal(0, written);
        Assert.False(GcsTargetFormatter.TryFormat(1e20, shortBuffer, out written));
    }

    [Fact]
    public async Task The_driver_writes_the_same_MOV_line_as_before_for_awkward_targets()
    {
        var wire = new CapturingStream();
        await using var controller = new PiE727Controller(wire, "capture", shouldDispose: false, new PiE727Options { CheckErrorAfterCommands = false });
        // 1.8e300 alone fills most of the 512-byte command line: refused as too long, before and after.
        double[] values = [.. Awkward.Where(v => Math.Abs(v) < 1e30), -0.0000012345678];
        var expected = new StringBuilder();
        foreach (double value in values)
        {
            await controller.MoveAsync([new("1", value), new("2", -value / 7)]);
            expected.Append("MOV 1 ").Append(Bcl(value)).Append(" 2 ").Append(Bcl(-value / 7)).Append('\n');
        }

        Assert.Equal(expected.ToString(), Encoding.ASCII.GetString(wire.Written.ToArray()));
    }

    private static double Draw(ref SplitMix64 random, int kind) => kind switch
    {
        // Random bits with binary exponents 2^-20 … 2^16: all of the fast range and both its edges.
        0 => BitConverter.UInt64BitsToDouble((random.Next() & 0x800F_FFFF_FFFF_FFFFUL) | ((ulong)(1003 + random.NextBelow(36)) << 52)),
        // Fine-loop-like targets, mrad.
        1 => (random.NextDouble() - 0.5) * 2e-2,
        // Just off the half-way points of the ninth decimal: where the double rounding decides.
        2 => Nudge(Math.Round((random.NextDouble() - 0.5) * 2e9) / 1e9 + 5e-10, random.NextBelow(9) - 4),
        // Few binary digits: exact ties at the fifteenth significant digit.
        3 => (random.Next() >> (61 - random.NextBelow(40))) / Math.Pow(2, random.NextBelow(40) + 1) * (random.NextBelow(2) == 0 ? 1 : -1),
        // Decade edges, where the first guess of the decimal exponent is one off.
        _ => Math.Pow(10, random.NextBelow(12) - 6) * (1 + ((random.NextBelow(5) - 2) * 1e-15)) * (random.NextBelow(2) == 0 ? 1 : -1),
    };

    private static double Nudge(double value, int ulps) => BitConverter.UInt64BitsToDouble((ulong)((long)BitConverter.DoubleToUInt64Bits(value) + ulps));

    private static string Bcl(double value) => value.ToString(GcsTargetFormatter.Format, CultureInfo.InvariantCulture);

    private static string Fast(double value)
    {
        Span<byte> buffer = stackalloc byte[400];
        Assert.True(GcsTargetFormatter.TryFormat(value, buffer, out int written));
        return Encoding.ASCII.GetString(buffer[..written]);
    }

    /// <summary>A write-only wire that keeps what the driver wrote; reads end at once (no replies are expected).</summary>
    private sealed class CapturingStream : Stream
    {
        public MemoryStream Written { get; } = new();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => 0;

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);
    }
}
