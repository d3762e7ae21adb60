using System.Buffers.Binary;
using System.IO.Hashing;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Devices.TimeTagger.Ptu;

/// <summary>What a PTU file says about where it came from (free text; nothing here changes the records).</summary>
/// <param name="Comment">File_Comment, e.g. the provenance of the tags.</param>
/// <param name="CreatorName">CreatorSW_Name.</param>
/// <param name="CreatorVersion">CreatorSW_Version.</param>
public sealed record PtuWriterOptions(string Comment, string CreatorName = "JinanOnboard", string CreatorVersion = "1");

/// <summary>
/// Writes time tags as a PicoQuant PTU file in T2 mode with the HydraHarp V2 record layout (protocol-spec/export.md §PTU):
/// 1 ps time units, detectors H, V, D, A (channels 0..3) as inputs 1..4 (channel codes 0..3), the sync words (channel 4)
/// as HydraHarp sync records, and overflow records for every 2^25 ps, so <see cref="PtuReader"/> gives back exactly the
/// tags written. The output must be seekable: the record count, sync rate, acquisition time and file GUID are only known
/// at the end and are filled into the header by <see cref="Complete"/>. Deterministic: same tags and options, same bytes.
/// </summary>
public sealed class PtuWriter : IDisposable
{
    private const double PicosecondsPerSecond = 1e12;

    private readonly Stream _out;
    private readonly long _start;
    private readonly byte[] _header;
    private readonly int _recordsOffset;
    private readonly int _syncRateOffset;
    private readonly int _acquisitionOffset;
    private readonly int _guidOffset;
    private readonly XxHash128 _hash = new();
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _buffered;
    private long _period;
    private long _firstTimePs = -1;
    private long _lastTimePs;
    private long _syncTags;
    private long _firstSyncPs;
    private long _lastSyncPs;
    private bool _completed;

    /// <summary>Writes the header (with placeholders) at the current position of <paramref name="output"/>, which stays the caller's.</summary>
    public PtuWriter(Stream output, PtuWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        if (!output.CanSeek || !output.CanWrite)
        {
            throw new ArgumentException("A PTU file is written to a seekable stream: its header is completed at the end.", nameof(output));
        }

        var header = new PtuHeaderWriter();
        _guidOffset = header.AnsiString("File_GUID", Guid(new byte[16]));
        header.AnsiString("File_Comment", options.Comment);
        header.AnsiString("CreatorSW_Name", options.CreatorName);
        header.AnsiString("CreatorSW_Version", options.CreatorVersion);
        header.Int("Measurement_Mode", PtuFormat.T2Mode);
        header.Int("Measurement_SubMode", 0); // a point measurement (no image scan)
        header.Int("HW_InpChannels", TimeTag.DetectorChannelCount);
        header.Float("MeasDesc_GlobalResolution", 1 / PicosecondsPerSecond);
        header.Float("MeasDesc_Resolution", 1 / PicosecondsPerSecond);
        _acquisitionOffset = header.Int("MeasDesc_AcquisitionTime", 0);
        _syncRateOffset = header.Int("TTResult_SyncRate", 0);
        _recordsOffset = header.Int("TTResult_NumberOfRecords", 0);
        header.Int("TTResultFormat_TTTRRecType", (long)PtuRecordType.HydraHarpV2T2);
        header.Int("TTResultFormat_BitsPerRecord", 8 * PtuFormat.RecordBytes);
        header.Empty("Header_End");
        _header = header.Written.ToArray();
        _out = output;
        _start = output.Position;
        _out.Write(_header);
        _hash.Append(_header);
    }

    /// <summary>Records written so far (events and overflows).</summary>
    public long Records { get; private set; }

    /// <summary>Time tags written so far.</summary>
    public long Tags { get; private set; }

    /// <summary>
    /// Appends <paramref name="tags"/>. Times must be ≥ 0 and must not go back across a 2^25 ps overflow period
    /// (a T2 file cannot say so); within a period any order is kept exactly.
    /// </summary>
    public void Write(ReadOnlySpan<TimeTag> tags)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        foreach (TimeTag tag in tags)
        {
            long time = tag.TimePs;
            long period = time >> PtuFormat.TimeTagBits;
            if (time < 0 || period < _period)
            {
                throw new ArgumentException(
                    $"Time tag {Tags} (channel {tag.Channel}, {time} ps) goes back before {_period * PtuFormat.WrapAround} ps: "
                    + "a PTU T2 file holds tags of non-negative, non-decreasing overflow periods only.", nameof(tags));
            }

            while (period > _period)
            {
                // One overflow record counts up to 2^25 - 1 periods; 0 would mean an old-style single overflow.
                long count = Math.Min(period - _period, PtuFormat.TimeTagMask);
                Emit(PtuFormat.SpecialBit | (PtuFormat.OverflowChannel << PtuFormat.ChannelShift) | (uint)count);
                _period += count;
            }

            uint timeTag = (uint)(time & PtuFormat.TimeTagMask);
            Emit(tag.Channel switch
            {
                >= 0 and < TimeTag.DetectorChannelCount => ((uint)tag.Channel << PtuFormat.ChannelShift) | timeTag,
                TimeTag.SyncChannel => PtuFormat.SpecialBit | (PtuFormat.SyncChannel << PtuFormat.ChannelShift) | timeTag,
                _ => throw new ArgumentException($"Time tag {Tags} has channel {tag.Channel}; the OGS uses 0..3 (H, V, D, A) and 4 (sync).", nameof(tags)),
            });
            Count(tag);
        }
    }

    /// <summary>Writes the buffered records and completes the header (record count, sync rate, acquisition time, GUID).</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        Flush();
        long end = _out.Position;
        Patch(_recordsOffset, Records);
        Patch(_syncRateOffset, _syncTags > 1 && _lastSyncPs > _firstSyncPs
            ? (long)Math.Round((_syncTags - 1) * PicosecondsPerSecond / (_lastSyncPs - _firstSyncPs))
            : 0);
        Patch(_acquisitionOffset, Tags == 0 ? 0 : (long)Math.Ceiling((_lastTimePs - _firstTimePs) / 1e9));
        _out.Position = _start + _guidOffset;
        _out.Write(System.Text.Encoding.ASCII.GetBytes(Guid(_hash.GetCurrentHash())));
        _out.Position = end;
        _out.Flush();

        void Patch(int offset, long number)
        {
            Span<byte> value = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(value, number);
            _out.Position = _start + offset;
            _out.Write(value);
        }
    }

    /// <summary>Completes the file (<see cref="Complete"/>); the stream stays open.</summary>
    public void Dispose() => Complete();

    /// <summary>The GUID text PicoQuant asks for ({8-4-4-4-12} upper-case hex), here from the content hash of the file.</summary>
    private static string Guid(ReadOnlySpan<byte> hash)
    {
        string hex = Convert.ToHexString(hash);
        return $"{{{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}}}";
    }

    private void Count(in TimeTag tag)
    {
        if (_firstTimePs < 0)
        {
            _firstTimePs = tag.TimePs;
        }

        _lastTimePs = tag.TimePs;
        Tags++;
        if (tag.Channel == TimeTag.SyncChannel)
        {
            if (_syncTags++ == 0)
            {
                _firstSyncPs = tag.TimePs;
            }

            _lastSyncPs = tag.TimePs;
        }
    }

    private void Emit(uint record)
    {
        if (_buffered == _buffer.Length)
        {
            Flush();
        }

        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_buffered), record);
        _buffered += PtuFormat.RecordBytes;
        Records++;
    }

    private void Flush()
    {
        _hash.Append(_buffer.AsSpan(0, _buffered));
        _out.Write(_buffer, 0, _buffered);
        _buffered = 0;
    }
}
