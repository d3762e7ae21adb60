using System.Text;

namespace JinanOnboard.Runtime.Messages;

/// <summary>
/// Telemetry (APID 0x020) type 1: named housekeeping values of one side at one pass time.
/// Sent unacknowledged; a lost report is replaced by the next. Layout: u8 role (0 payload, 1 ground),
/// i64 pass_time_us, u16 count, count × (u8 name_length, name UTF-8, f64 value).
/// </summary>
public sealed record Housekeeping(byte Role, long PassTimeUs, IReadOnlyList<KeyValuePair<string, double>> Values)
{
    public const byte MessageType = 1;

    public byte[] Encode()
    {
        var writer = new WireWriter(256).U8(Role).I64(PassTimeUs).U16((ushort)Values.Count);
        foreach ((string name, double value) in Values)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(name);
            if (utf8.Length is 0 or > 255)
            {
                throw new ArgumentException($"Housekeeping name '{name}' must be 1..255 UTF-8 bytes.", nameof(Values));
            }

            writer.U8((byte)utf8.Length).Bytes(utf8).F64(value);
        }

        return writer.ToArray();
    }

    public static Housekeeping Decode(ReadOnlySpan<byte> body)
    {
        var reader = new WireReader(body, "housekeeping");
        byte role = reader.U8();
        if (role > 1)
        {
            throw new MalformedMessageException($"housekeeping: role {role} is not 0 (payload) or 1 (ground)");
        }

        long passTimeUs = reader.I64();
        int count = reader.U16();
        var values = new List<KeyValuePair<string, double>>(count);
        for (int i = 0; i < count; i++)
        {
            int length = reader.U8();
            if (length == 0)
            {
                throw new MalformedMessageException("housekeeping: empty value name");
            }

            string name = reader.Utf8(length);
            values.Add(new(name, reader.F64()));
        }

        reader.ExpectEnd();
        return new Housekeeping(role, passTimeUs, values);
    }
}
