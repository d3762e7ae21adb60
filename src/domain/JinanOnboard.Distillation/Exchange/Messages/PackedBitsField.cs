using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Distillation.Exchange.Messages;

/// <summary>
/// The distillation messages' packed-bits fields (protocol-spec/distillation.md §Conventions) on the shared codec: a
/// field of N bits is ⌈N / 8⌉ bytes whose unused high bits must be zero. Here rather than in the codec because the
/// packed-bits convention is <see cref="Sifting.PackedBits"/>'s.
/// </summary>
internal static class PackedBitsField
{
    public static ReadOnlySpan<byte> PackedBits(this ref WireReader reader, long bits, string field)
    {
        ReadOnlySpan<byte> packed = reader.Bytes(Sifting.PackedBits.ByteCount(bits), field);
        if (!Sifting.PackedBits.PaddingIsZero(packed, bits))
        {
            throw reader.Fail(field, "non-zero padding bits");
        }

        return packed;
    }
}
