using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Runtime.Messages;

/// <summary>Polarization (APID 0x040) message types (protocol-spec/polarization-calibration.md).</summary>
public static class PolarizationMessageTypes
{
    /// <summary>Payload → ground: the source sends a reference state; count it (<see cref="MeasureReference"/>).</summary>
    public const byte MeasureReference = 1;

    /// <summary>Ground → payload: the decoder's counts for it (<see cref="ReferenceCounts"/>).</summary>
    public const byte ReferenceCounts = 2;

    /// <summary>Payload → ground: how the calibration ended (<see cref="CalibrationResult"/>).</summary>
    public const byte CalibrationResult = 3;
}

/// <summary>
/// Layout: u16 request, u8 state (0 H, 1 V, 2 D, 3 A), f64 dwell_s (finite, &gt; 0). <paramref name="Request"/> numbers
/// the payload's measurements from 0; the counts carry it back.
/// </summary>
public sealed record MeasureReference(ushort Request, byte State, double DwellS)
{
    private const int Length = 11;

    public byte[] Encode()
    {
        var body = new byte[Length];
        var writer = new WireWriter(body);
        writer.U16(Request);
        writer.U8(State);
        writer.F64(DwellS);
        return body;
    }

    public static MeasureReference Decode(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body, "measure reference");
        ushort request = reader.U16("request");
        byte state = reader.BoundedU8("state", 0, 3);
        double dwell = reader.F64("dwell_s");
        if (!double.IsFinite(dwell) || dwell <= 0)
        {
            throw reader.Fail("dwell_s", $"{dwell} s is not positive");
        }

        reader.End();
        return new MeasureReference(request, state, dwell);
    }
}

/// <summary>Layout: u16 request, u8 state (as measured), u64 count at the H, V, D and A outputs.</summary>
public sealed record ReferenceCounts(ushort Request, byte State, ulong H, ulong V, ulong D, ulong A)
{
    private const int Length = 35;

    public byte[] Encode()
    {
        var body = new byte[Length];
        var writer = new WireWriter(body);
        writer.U16(Request);
        writer.U8(State);
        writer.U64(H);
        writer.U64(V);
        writer.U64(D);
        writer.U64(A);
        return body;
    }

    public static ReferenceCounts Decode(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body, "reference counts");
        var counts = new ReferenceCounts(reader.U16("request"), reader.BoundedU8("state", 0, 3), reader.U64("h"), reader.U64("v"), reader.U64("d"), reader.U64("a"));
        reader.End();
        return counts;
    }
}

/// <summary>
/// Layout: u8 succeeded (0/1), u16 iterations, u16 rounds, f64 qwp1_deg, f64 hwp_deg, f64 qwp2_deg (the plates as
/// left, reported by the mounts), f64 contrast_z_db, f64 contrast_x_db (the best round's channel contrast estimated
/// from counts; NaN when no round completed), u8 reason_length (0..255), reason (UTF-8).
/// </summary>
public sealed record CalibrationResult(
    bool Succeeded, ushort Iterations, ushort Rounds, double FirstQuarterWaveDeg, double HalfWaveDeg, double SecondQuarterWaveDeg,
    double ContrastZDb, double ContrastXDb, string Reason)
{
    /// <summary>Longest reason on the wire, bytes (longer reasons are cut at a character boundary).</summary>
    public const int MaxReasonBytes = 255;

    public byte[] Encode()
    {
        byte[] reason = System.Text.Encoding.UTF8.GetBytes(Truncate(Reason));
        var body = new byte[1 + 2 + 2 + (5 * 8) + 1 + reason.Length];
        var writer = new WireWriter(body);
        writer.Bool(Succeeded);
        writer.U16(Iterations);
        writer.U16(Rounds);
        writer.F64(FirstQuarterWaveDeg);
        writer.F64(HalfWaveDeg);
        writer.F64(SecondQuarterWaveDeg);
        writer.F64(ContrastZDb);
        writer.F64(ContrastXDb);
        writer.U8((byte)reason.Length);
        writer.Bytes(reason);
        return body;
    }

    public static CalibrationResult Decode(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body, "calibration result");
        bool succeeded = reader.Bool("succeeded");
        ushort iterations = reader.U16("iterations");
        ushort rounds = reader.U16("rounds");
        double q1 = Angle(ref reader, "qwp1_deg");
        double h = Angle(ref reader, "hwp_deg");
        double q2 = Angle(ref reader, "qwp2_deg");
        double z = reader.F64("contrast_z_db");
        double x = reader.F64("contrast_x_db");
        string reason = reader.Utf8(reader.U8("reason_length"), "reason");
        reader.End();
        return new CalibrationResult(succeeded, iterations, rounds, q1, h, q2, z, x, reason);
    }

    private static double Angle(ref WireReader reader, string field)
    {
        double value = reader.F64(field);
        return double.IsFinite(value) ? value : throw reader.Fail(field, $"{value} is not a finite angle");
    }

    private static string Truncate(string reason)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(reason) <= MaxReasonBytes)
        {
            return reason;
        }

        int length = reason.Length;
        while (System.Text.Encoding.UTF8.GetByteCount(reason.AsSpan(0, length)) > MaxReasonBytes || (length > 0 && char.IsHighSurrogate(reason[length - 1])))
        {
            length--;
        }

        return reason[..length];
    }
}
