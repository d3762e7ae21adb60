namespace JinanOnboard.Devices.TimeTagger.Ptu;

/// <summary>
/// One header tag of a PTU file. <paramref name="RawValue"/> is the tag's 8 value bytes as a little-endian i64: the value
/// of Bool8/Int8/BitSet64/Color8 tags, the IEEE double bits of Float8/TDateTime tags, the byte count of array, string and
/// blob tags (whose bytes follow the tag).
/// </summary>
/// <param name="Ident">Tag identifier, e.g. <c>MeasDesc_GlobalResolution</c> (case sensitive).</param>
/// <param name="Index">Array element index, or <see cref="PtuFormat.NoIndex"/>.</param>
/// <param name="Type">Type code.</param>
/// <param name="RawValue">The 8 value bytes.</param>
/// <param name="Text">The text of an AnsiString or WideString tag (without its terminating NULs), else null.</param>
public sealed record PtuTag(string Ident, int Index, PtuTagType Type, long RawValue, string? Text = null)
{
    /// <summary>The value of a Float8 or TDateTime tag.</summary>
    public double Float => BitConverter.Int64BitsToDouble(RawValue);

    /// <summary>The value of an Int8, Bool8 (non-zero = true), BitSet64 or Color8 tag.</summary>
    public long Integer => RawValue;

    /// <summary>The identifier as PicoQuant's demo readers print it: <c>Ident(Index)</c> for array elements.</summary>
    public string Name => Index == PtuFormat.NoIndex ? Ident : $"{Ident}({Index})";
}
