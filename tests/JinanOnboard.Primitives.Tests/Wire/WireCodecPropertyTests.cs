using System.Buffers;
using CsCheck;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Primitives.Tests.Wire;

/// <summary>
/// Random field sequences: whatever a writer writes reads back, every cut of it is the one malformed exception, and so
/// is any trailing byte; random bytes never raise anything else, because receivers count only that exception.
/// </summary>
public sealed class WireCodecPropertyTests
{
    private enum Kind
    {
        U8,
        U16,
        U32,
        U64,
        F64,
        VarUInt,
        VarInt,
        Name,
    }

    private static readonly Gen<(Kind Kind, ulong Value)[]> Fields =
        Gen.Select(Gen.Enum<Kind>(), Gen.ULong).Array[1, 12];

    [Fact]
    public void Fields_round_trip_in_both_orders_and_every_cut_or_trailing_byte_is_malformed()
    {
        Gen.Select(Fields, Gen.Enum<ByteOrder>()).Sample((fields, order) =>
        {
            var buffer = new ArrayBufferWriter<byte>();
            var writer = new WireWriter(buffer, order);
            foreach ((Kind kind, ulong value) in fields)
            {
                Write(ref writer, kind, value);
            }

            byte[] body = buffer.WrittenSpan.ToArray();
            ReadAll(body, fields, order);
            for (int length = 0; length < body.Length; length++)
            {
                byte[] cut = body[..length];
                Assert.Throws<MalformedMessageException>(() => ReadAll(cut, fields, order));
            }

            Assert.Throws<MalformedMessageException>(() => ReadAll([.. body, 0], fields, order));
        }, iter: 2000);
    }

    [Fact]
    public void Random_bytes_read_as_any_fields_or_are_malformed_never_another_exception()
    {
        Gen.Select(Gen.Byte.Array[0, 64], Fields).Sample((body, fields) =>
        {
            try
            {
                var reader = new WireReader(body, "random");
                foreach ((Kind kind, ulong value) in fields)
                {
                    _ = Read(ref reader, kind, value);
                }
            }
            catch (MalformedMessageException)
            {
            }
        }, iter: 5000);
    }

    private static void ReadAll(byte[] body, (Kind Kind, ulong Value)[] fields, ByteOrder order)
    {
        var reader = new WireReader(body, "random", order);
        foreach ((Kind kind, ulong value) in fields)
        {
            Assert.Equal(Expected(kind, value), Read(ref reader, kind, value));
        }

        reader.End();
    }

    private static void Write(ref WireWriter writer, Kind kind, ulong value)
    {
        switch (kind)
        {
            case Kind.U8: writer.U8((byte)value); break;
            case Kind.U16: writer.U16((ushort)value); break;
            case Kind.U32: writer.U32((uint)value); break;
            case Kind.U64: writer.U64(value); break;
            case Kind.F64: writer.F64(BitConverter.UInt64BitsToDouble(value)); break;
            case Kind.VarUInt: writer.VarUInt(value); break;
            case Kind.VarInt: writer.VarInt((long)value); break;
            default: writer.LengthPrefixedUtf8(Name(value), 32); break;
        }
    }

    private static object Read(ref WireReader reader, Kind kind, ulong value) => kind switch
    {
        Kind.U8 => (ulong)reader.U8("u8"),
        Kind.U16 => (ulong)reader.U16("u16"),
        Kind.U32 => (ulong)reader.U32("u32"),
        Kind.U64 => reader.U64("u64"),
        // Compared as bits: NaN payloads must survive too.
        Kind.F64 => BitConverter.DoubleToUInt64Bits(reader.F64("f64")),
        Kind.VarUInt => reader.VarUInt("varuint"),
        Kind.VarInt => (ulong)reader.VarInt("varint"),
        _ => reader.LengthPrefixedUtf8("name", 32),
    };

    private static object Expected(Kind kind, ulong value) => kind switch
    {
        Kind.U8 => value & 0xFF,
        Kind.U16 => value & 0xFFFF,
        Kind.U32 => value & 0xFFFF_FFFF,
        Kind.Name => Name(value),
        _ => value,
    };

    /// <summary>1 to 16 characters, some of them two-byte UTF-8, chosen by <paramref name="value"/>.</summary>
    private static string Name(ulong value) => new([.. Enumerable.Range(0, 1 + (int)(value % 16)).Select(i => "aé"[(int)((value >> i) & 1)])]);
}
