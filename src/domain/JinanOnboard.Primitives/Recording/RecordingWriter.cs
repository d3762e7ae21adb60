using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using JinanOnboard.Primitives.Wire;

namespace JinanOnboard.Primitives.Recording;

/// <summary>
/// A recorder on the seam: every <see cref="Observe"/> call becomes one record of a version 2 recording file
/// (<see cref="RecordingFormat"/>; time-tag units are written as <see cref="CompactTimeTags"/>), in call order. Safe to call from several threads (the link's send and receive loops
/// and the time-tag reader share one recorder). Records are buffered; <see cref="Dispose"/> flushes and fsyncs. A crash
/// leaves a torn last record that <see cref="RecordingReader"/> reports and skips.
/// </summary>
public sealed class RecordingWriter : ITap, IDisposable
{
    private readonly object _gate = new();
    private readonly FileStream _file;
    private readonly BufferedStream _out;
    private readonly string _path;
    private byte[] _record = new byte[64 * 1024];
    private bool _disposed;

    /// <summary>Creates (or replaces) <paramref name="path"/> and writes the file header with <paramref name="metadataJson"/>.</summary>
    public RecordingWriter(string path, string metadataJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(metadataJson);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        byte[] metadata = Encoding.UTF8.GetBytes(metadataJson);
        var header = new byte[4 + 2 + 4 + metadata.Length + 4];
        var writer = new WireWriter(header, ByteOrder.LittleEndian);
        writer.U32(RecordingFormat.Magic);
        writer.U16(RecordingFormat.Version);
        writer.I32(metadata.Length);
        writer.Bytes(metadata);
        writer.U32(Crc32.HashToUInt32(header.AsSpan(0, writer.Written)));
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        _out = new BufferedStream(_file, 1 << 20);
        _out.Write(header);
        _path = path;
    }

    /// <summary>Records written.</summary>
    public long Records { get; private set; }

    /// <summary>Calls from streams the format does not know (not recorded).</summary>
    public long UnknownStreamCalls { get; private set; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A time-tag unit that is not whole 12-byte records (the seam's layout).</exception>
    public void Observe(string stream, TapDirection direction, TimeSpan passTime, ReadOnlySpan<byte> data)
    {
        byte id = RecordingFormat.StreamId(stream);
        lock (_gate)
        {
            if (_disposed)
            {
                return; // the pass is over: late frames of a closing link are not part of it
            }

            if (id == 0)
            {
                UnknownStreamCalls++;
                return;
            }

            // Time tags are re-encoded compactly (version 2, CompactTimeTags); everything else is kept as the tap saw it.
            bool compact = id == RecordingFormat.TimeTagStream;
            int capacity = RecordingFormat.RecordOverheadBytes + (compact ? CompactTimeTags.MaxEncodedLength(data.Length / TimeTagRecords.Bytes) : data.Length);
            if (_record.Length < capacity)
            {
                _record = new byte[Math.Max(capacity, _record.Length * 2)];
            }

            Span<byte> buffer = _record;
            int dataLength = compact
                ? CompactTimeTags.EncodeSeamRecords(data, buffer[RecordingFormat.RecordHeaderBytes..])
                : data.Length;
            var writer = new WireWriter(buffer, ByteOrder.LittleEndian);
            writer.U8(id);
            writer.U8(direction == TapDirection.Outgoing ? (byte)0 : (byte)1);
            writer.I64(passTime.Ticks);
            writer.I32(dataLength);
            if (!compact)
            {
                writer.Bytes(data);
            }

            int crcStart = RecordingFormat.RecordHeaderBytes + dataLength;
            BinaryPrimitives.WriteUInt32LittleEndian(buffer[crcStart..], Crc32.HashToUInt32(buffer[..crcStart]));
            Span<byte> record = buffer[..(crcStart + 4)];
            _out.Write(record);
            Records++;
        }
    }

    /// <summary>Flushes, fsyncs and closes the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _out.Flush();
            _file.Flush(flushToDisk: true);
            _out.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"RecordingWriter({_path}, {Records} records)";
}
