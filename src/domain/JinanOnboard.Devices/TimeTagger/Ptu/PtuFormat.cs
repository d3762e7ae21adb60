namespace JinanOnboard.Devices.TimeTagger.Ptu;

/// <summary>
/// The type code of a PTU header tag (PicoQuant unified tag format, "Tag Types" appendix of the PicoQuant
/// Time-Tagged-File-Format demos; protocol-spec/export.md). Fixed types carry their value in the tag's 8 value bytes;
/// array and string types carry a byte count there, and that many bytes (a multiple of 8) follow the tag.
/// </summary>
public enum PtuTagType : uint
{
    Empty8 = 0xFFFF0008,
    Bool8 = 0x00000008,
    Int8 = 0x10000008,
    BitSet64 = 0x11000008,
    Color8 = 0x12000008,
    Float8 = 0x20000008,

    /// <summary>A double: days since 1899-12-30 (the Delphi/OLE date).</summary>
    TDateTime = 0x21000008,
    Int8Array = 0x1001FFFF,
    Float8Array = 0x2001FFFF,

    /// <summary>8-bit text, NUL-terminated and zero-filled to a multiple of 8 bytes.</summary>
    AnsiString = 0x4001FFFF,

    /// <summary>UTF-16LE text, NUL-terminated and zero-filled to a multiple of 8 bytes.</summary>
    WideString = 0x4002FFFF,
    BinaryBlob = 0xFFFFFFFF,
}

/// <summary>
/// The TTTR record format of a PTU file (header tag <c>TTResultFormat_TTTRRecType</c>), as PicoQuant numbers them:
/// 0x00VV_MM_DD with MM = 02 for T2 and 03 for T3, DD the device family, VV the HydraHarp firmware generation.
/// </summary>
public enum PtuRecordType : uint
{
    PicoHarp300T2 = 0x00010203,
    PicoHarp300T3 = 0x00010303,
    HydraHarpV1T2 = 0x00010204,
    HydraHarpV1T3 = 0x00010304,
    HydraHarpV2T2 = 0x01010204,
    HydraHarpV2T3 = 0x01010304,
    TimeHarp260NT2 = 0x00010205,
    TimeHarp260NT3 = 0x00010305,
    TimeHarp260PT2 = 0x00010206,
    TimeHarp260PT3 = 0x00010306,

    /// <summary>MultiHarp, PicoHarp 330 and PicoQuant's generic T2 format.</summary>
    GenericT2 = 0x00010207,

    /// <summary>MultiHarp, PicoHarp 330 and PicoQuant's generic T3 format.</summary>
    GenericT3 = 0x00010307,
}

/// <summary>Constants of the PTU container and of the HydraHarp-layout T2 record this code reads and writes.</summary>
public static class PtuFormat
{
    /// <summary>Preamble 1: the file magic, zero-filled to 8 bytes.</summary>
    public const string Magic = "PQTTTR";

    /// <summary>Preamble 2: the tag format version written (readers also accept the predecessor "00.0.1").</summary>
    public const string Version = "1.0.00";

    /// <summary>Bytes of each preamble and of a tag identifier.</summary>
    public const int PreambleBytes = 8;

    public const int TagIdentBytes = 32;

    /// <summary>Tag identifier, index (i32), type (u32), value (8 bytes).</summary>
    public const int TagBytes = TagIdentBytes + 4 + 4 + 8;

    /// <summary>Index of a tag that is not an array element.</summary>
    public const int NoIndex = -1;

    /// <summary>Measurement_Mode of a T2 (time of every event) file; 3 is T3 (time since the last sync).</summary>
    public const long T2Mode = 2;

    public const long T3Mode = 3;

    /// <summary>Bytes per TTTR record (TTResultFormat_BitsPerRecord = 32 for every PicoQuant device).</summary>
    public const int RecordBytes = 4;

    /// <summary>HydraHarp-layout T2 record, from the most significant bit: special (1), channel (6), time tag (25).</summary>
    public const int TimeTagBits = 25;

    public const uint TimeTagMask = (1u << TimeTagBits) - 1;

    public const int ChannelShift = TimeTagBits;

    public const uint ChannelMask = 0x3F;

    public const uint SpecialBit = 1u << 31;

    /// <summary>Special record channel code of an overflow (time tag = number of overflows, except HydraHarp V1).</summary>
    public const uint OverflowChannel = 0x3F;

    /// <summary>Special record channel code of a sync-input event.</summary>
    public const uint SyncChannel = 0;

    /// <summary>Overflow period of every HydraHarp-layout T2 type but one: 2^25 time units.</summary>
    public const long WrapAround = 1L << TimeTagBits;

    /// <summary>Overflow period of HydraHarp V1 T2 files (one overflow per record).</summary>
    public const long WrapAroundHydraHarpV1 = 33_552_000;

    /// <summary>The readable name of a record type for messages ("HydraHarp V2 T2", "PicoHarp 300 T3", ...).</summary>
    public static string Name(uint recordType) => (PtuRecordType)recordType switch
    {
        PtuRecordType.PicoHarp300T2 => "PicoHarp 300 T2",
        PtuRecordType.PicoHarp300T3 => "PicoHarp 300 T3",
        PtuRecordType.HydraHarpV1T2 => "HydraHarp V1 T2",
        PtuRecordType.HydraHarpV1T3 => "HydraHarp V1 T3",
        PtuRecordType.HydraHarpV2T2 => "HydraHarp V2 T2",
        PtuRecordType.HydraHarpV2T3 => "HydraHarp V2 T3",
        PtuRecordType.TimeHarp260NT2 => "TimeHarp 260N T2",
        PtuRecordType.TimeHarp260NT3 => "TimeHarp 260N T3",
        PtuRecordType.TimeHarp260PT2 => "TimeHarp 260P T2",
        PtuRecordType.TimeHarp260PT3 => "TimeHarp 260P T3",
        PtuRecordType.GenericT2 => "MultiHarp/PicoHarp 330 generic T2",
        PtuRecordType.GenericT3 => "MultiHarp/PicoHarp 330 generic T3",
        _ => $"unknown record type 0x{recordType:X8}",
    };

    /// <summary>True for the T2 types with the HydraHarp record layout (special, channel, 25-bit time tag).</summary>
    public static bool IsHydraHarpLayoutT2(uint recordType) => (PtuRecordType)recordType is
        PtuRecordType.HydraHarpV1T2 or PtuRecordType.HydraHarpV2T2 or PtuRecordType.TimeHarp260NT2
        or PtuRecordType.TimeHarp260PT2 or PtuRecordType.GenericT2;
}
