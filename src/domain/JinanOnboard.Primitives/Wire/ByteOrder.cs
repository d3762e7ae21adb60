namespace JinanOnboard.Primitives.Wire;

/// <summary>
/// Byte order of a codec's multi-byte integers. Link message bodies are big-endian (protocol-spec/messages.md,
/// distillation.md, delivery.md); files this project writes (recording-seam.md, the key store) are little-endian.
/// </summary>
public enum ByteOrder
{
    BigEndian,
    LittleEndian,
}
