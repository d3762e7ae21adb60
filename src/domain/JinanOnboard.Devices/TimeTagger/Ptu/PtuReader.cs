using System.Buffers.Binary;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Devices.TimeTagger.Ptu;

/// <summary>
/// Reads the time tags of a PicoQuant PTU file in T2 mode with the HydraHarp record layout (HydraHarp V1/V2,
/// TimeHarp 260 N/P, MultiHarp/PicoHarp 330 generic T2; protocol-spec/export.md §PTU) as OGS time tags: inputs 1..4
/// (channel codes 0..3) are the detectors H, V, D, A (channels 0..3), the sync input is the sync words (channel 4).
/// Streaming: <see cref="Read"/> fills a caller's span from a fixed buffer, overflows unwrapped, in file order.
/// Markers and inputs 5 and up have no OGS meaning: they are skipped and counted. T3 files and other record layouts are
/// refused when opened, with the mode named.
/// </summary>
/// <example>
/// <code>
/// using var ptu = PtuReader.Open("pass.ptu");
/// var batch = new TimeTag[16_384];
/// for (int n; (n = ptu.Read(batch)) > 0;) { indexer.Process(batch.AsSpan(0, n), detections); }
/// </code>
/// </example>
public sealed class PtuReader : IDisposable
{
    private readonly Stream _in;
    private readonly string _name;
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly long _wrapAround;
    private readonly bool _singleOverflows;
    private int _position;
    private int _filled;
    private long _unread;
    private long _overflowUnits;

    /// <summary>Reads and checks the header of <paramref name="input"/>, which the reader owns from now on; <paramref name="name"/> names it in messages.</summary>
    /// <exception cref="InvalidDataException">Not a PTU file, a damaged header, a T3 file or an unsupported record type, or fewer records than announced.</exception>
    public PtuReader(Stream input, string name)
    {
        ArgumentNullException.ThrowIfNull(input);
        _in = input;
        _name = name;
        try
        {
            Header = PtuHeader.Read(input, name);
            long mode = Required("Measurement_Mode").Integer;
            RecordType = (PtuRecordType)(uint)Required("TTResultFormat_TTTRRecType").Integer;
            string type = PtuFormat.Name((uint)RecordType);
            if (mode != PtuFormat.T2Mode)
            {
                throw new InvalidDataException(mode == PtuFormat.T3Mode
                    ? $"{name} is a T3-mode PTU file ({type}): only T2 mode (the arrival time of every event) can feed the OGS."
                    : $"{name}: PTU measurement mode {mode} is not T2 (2): only T2 files can feed the OGS.");
            }

            if (!PtuFormat.IsHydraHarpLayoutT2((uint)RecordType))
            {
                throw new InvalidDataException(
                    $"{name}: PTU record type {type} is not supported: this reader takes T2 files with the HydraHarp record layout "
                    + "(HydraHarp V1/V2, TimeHarp 260N/P, MultiHarp/PicoHarp 330 generic T2).");
            }

            if (Header.Find("TTResultFormat_BitsPerRecord") is { } bits && bits.Integer != 8 * PtuFormat.RecordBytes)
            {
                throw new InvalidDataException($"{name}: PTU records of {bits.Integer} bits; {type} records are 32 bits.");
            }

            ResolutionPs = WholePicoseconds(Required("MeasDesc_GlobalResolution").Float);
            NumberOfRecords = Required("TTResult_NumberOfRecords").Integer;
            if (NumberOfRecords < 0)
            {
                throw new InvalidDataException($"{name}: TTResult_NumberOfRecords is {NumberOfRecords}.");
            }

            if (input.CanSeek && input.Length - input.Position < NumberOfRecords * PtuFormat.RecordBytes)
            {
                throw new InvalidDataException(
                    $"{name}: the header announces {NumberOfRecords} records ({NumberOfRecords * PtuFormat.RecordBytes} bytes from offset "
                    + $"{Header.Length}) but only {input.Length - input.Position} bytes follow: the file is truncated.");
            }

            _singleOverflows = RecordType == PtuRecordType.HydraHarpV1T2;
            _wrapAround = _singleOverflows ? PtuFormat.WrapAroundHydraHarpV1 : PtuFormat.WrapAround;
            _unread = NumberOfRecords;
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    /// <summary>The file's header tags.</summary>
    public PtuHeader Header { get; }

    /// <summary>The record type (TTResultFormat_TTTRRecType).</summary>
    public PtuRecordType RecordType { get; }

    /// <summary>The time unit of the records in ps (MeasDesc_GlobalResolution: 1 for HydraHarp T2).</summary>
    public long ResolutionPs { get; }

    /// <summary>Records in the file (TTResult_NumberOfRecords), overflows and markers included.</summary>
    public long NumberOfRecords { get; }

    /// <summary>Overflow periods passed so far.</summary>
    public long Overflows { get; private set; }

    /// <summary>Marker records skipped so far.</summary>
    public long Markers { get; private set; }

    /// <summary>Events skipped so far because the OGS has no use for them: inputs 5 and up, undefined special records.</summary>
    public long UnmappedEvents { get; private set; }

    /// <summary>Opens the PTU file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">As for the constructor.</exception>
    public static PtuReader Open(string path)
        => new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16), path);

    /// <summary>
    /// Fills <paramref name="destination"/> with the next time tags, in file order; returns how many, 0 once every record
    /// is read.
    /// </summary>
    /// <exception cref="InvalidDataException">The file ends before its announced records.</exception>
    public int Read(Span<TimeTag> destination)
    {
        int produced = 0;
        while (produced < destination.Length)
        {
            if (_position == _filled && !Refill())
            {
                break;
            }

            uint record = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_position));
            _position += PtuFormat.RecordBytes;
            uint channel = (record >> PtuFormat.ChannelShift) & PtuFormat.ChannelMask;
            long timeTag = record & PtuFormat.TimeTagMask;
            if ((record & PtuFormat.SpecialBit) == 0)
            {
                if (channel < TimeTag.DetectorChannelCount)
                {
                    destination[produced++] = new TimeTag((int)channel, (_overflowUnits + timeTag) * ResolutionPs);
                }
                else
                {
                    UnmappedEvents++;
                }
            }
            else if (channel == PtuFormat.OverflowChannel)
            {
                // HydraHarp V1 counts one overflow per record; later types say how many (0 = one, old style).
                long count = _singleOverflows || timeTag == 0 ? 1 : timeTag;
                _overflowUnits += count * _wrapAround;
                Overflows += count;
            }
            else if (channel == PtuFormat.SyncChannel)
            {
                destination[produced++] = new TimeTag(TimeTag.SyncChannel, (_overflowUnits + timeTag) * ResolutionPs);
            }
            else if (channel <= 15)
            {
                Markers++;
            }
            else
            {
                UnmappedEvents++;
            }
        }

        return produced;
    }

    /// <inheritdoc />
    public void Dispose() => _in.Dispose();

    private bool Refill()
    {
        if (_unread == 0)
        {
            return false;
        }

        int want = (int)Math.Min(_buffer.Length, _unread * PtuFormat.RecordBytes);
        int got = _in.ReadAtLeast(_buffer.AsSpan(0, want), want, throwOnEndOfStream: false);
        if (got < want)
        {
            long record = NumberOfRecords - _unread + got / PtuFormat.RecordBytes;
            throw new InvalidDataException($"{_name}: the PTU file ends at record {record} of the {NumberOfRecords} its header announces.");
        }

        _unread -= want / PtuFormat.RecordBytes;
        _position = 0;
        _filled = want;
        return true;
    }

    private PtuTag Required(string ident)
        => Header.Find(ident) ?? throw new InvalidDataException($"{_name}: the PTU header has no {ident} tag (mandatory for PTU files).");

    /// <summary>The time unit in whole picoseconds: OGS time tags are integer ps, so a fractional unit cannot be kept exactly.</summary>
    private long WholePicoseconds(double seconds)
    {
        double ps = seconds * 1e12;
        long whole = (long)Math.Round(ps);
        if (whole < 1 || Math.Abs(ps - whole) > 1e-6 * whole)
        {
            throw new InvalidDataException($"{_name}: MeasDesc_GlobalResolution {seconds:R} s is not a whole number of picoseconds.");
        }

        return whole;
    }
}
