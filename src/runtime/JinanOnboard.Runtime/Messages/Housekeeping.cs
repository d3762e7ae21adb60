using System.Buffers;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Runtime.Messages;

/// <summary>
/// Telemetry (APID 0x020) type 1: named housekeeping values of one side at one pass time.
/// Sent unacknowledged; a lost report is replaced by the next. Layout: u8 role (0 payload, 1 ground),
/// i64 pass_time_us, u16 count, count × (u8 name_length, name UTF-8, f64 value).
/// </summary>
public sealed record Housekeeping(byte Role, long PassTimeUs, IReadOnlyList<KeyValuePair<string, double>> Values)
{
    public const byte MessageType = 1;

    /// <summary>Smallest entry on the wire (a one-byte name): bounds the list a count may ask for before it is read.</summary>
    private const int MinEntryBytes = 1 + 1 + 8;

    public byte[] Encode()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new WireWriter(buffer);
        writer.U8(Role);
        writer.I64(PassTimeUs);
        writer.U16(checked((ushort)Values.Count));
        foreach ((string name, double value) in Values)
        {
            writer.LengthPrefixedUtf8(name, byte.MaxValue);
            writer.F64(value);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static Housekeeping Decode(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body, "housekeeping");
        byte role = reader.BoundedU8("role", 0, 1);
        long passTimeUs = reader.I64("pass_time_us");
        int count = reader.U16("count");
        var values = new List<KeyValuePair<string, double>>(Math.Min(count, reader.Remaining / MinEntryBytes));
        for (int i = 0; i < count; i++)
        {
            string name = reader.LengthPrefixedUtf8("name", byte.MaxValue);
            values.Add(new(name, reader.F64("value")));
        }

        reader.End();
        return new Housekeeping(role, passTimeUs, values);
    }
}
