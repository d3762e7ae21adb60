using System.Buffers.Binary;
using JinanOnboard.Source.Random;

using JinanOnboard.Source;

namespace JinanOnboard.Source.Random;

/// <summary>
/// Pulse choices read from a recorded stream of raw random bytes, as a physical RNG on the
/// payload would log them.
/// </summary>
/// <remarks>
/// Layout: no header; pulse k occupies the 8 bytes at offset <c>dataOffsetBytes + 8·k</c>, read
/// as a little-endian unsigned 64-bit word and decoded exactly as the generated store decodes
/// its words (bits 0..31 intensity, bit 32 key bit, bits 33..63 basis; see
/// <see cref="PulseChoiceDecoder"/>). The capacity is the number of whole 8-byte words after
/// the offset. Reads are serialised with a lock because a <see cref="Stream"/> has one position.
/// </remarks>
public sealed class RecordedPulseRandomStore : IPulseRandomStore, IDisposable
{
    /// <summary>Bytes of raw randomness per pulse.</summary>
    public const int BytesPerPulse = 8;

    private const int ChunkPulses = 512;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _dataOffsetBytes;
    private readonly PulseChoiceDecoder _decoder;
    private readonly Lock _readLock = new();

    /// <summary>Wraps a seekable, readable stream holding the recorded words.</summary>
    /// <param name="stream">Seekable, readable stream.</param>
    /// <param name="configuration">Source configuration supplying the probabilities used to decode the words.</param>
    /// <param name="dataOffsetBytes">Offset of pulse 0 in the stream.</param>
    /// <param name="leaveOpen">When false, disposing the store disposes the stream.</param>
    /// <exception cref="ArgumentException">The stream cannot seek or read, or the configuration is invalid.</exception>
    public RecordedPulseRandomStore(Stream stream, SourceConfiguration configuration, long dataOffsetBytes = 0, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("The recorded random stream must be readable and seekable.", nameof(stream));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(dataOffsetBytes);
        _decoder = new PulseChoiceDecoder(configuration);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _dataOffsetBytes = dataOffsetBytes;
    }

    /// <summary>Opens a recorded file read-only.</summary>
    /// <param name="path">File of raw random words in the documented layout.</param>
    /// <param name="configuration">Source configuration supplying the decoding probabilities.</param>
    public static RecordedPulseRandomStore OpenFile(string path, SourceConfiguration configuration)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.RandomAccess);
        try
        {
            return new RecordedPulseRandomStore(stream, configuration);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public long PulseCapacity => Math.Max(0, _stream.Length - _dataOffsetBytes) / BytesPerPulse;

    /// <inheritdoc />
    public PulseChoice GetChoice(long sequenceNumber)
    {
        Span<PulseChoice> one = stackalloc PulseChoice[1];
        GetChoices(sequenceNumber, one);
        return one[0];
    }

    /// <inheritdoc />
    public void GetChoices(long firstSequence, Span<PulseChoice> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstSequence);
        long capacity = PulseCapacity;
        if (firstSequence > capacity - destination.Length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(firstSequence),
                $"Pulses {firstSequence}..{firstSequence + destination.Length - 1} lie beyond the recording, which holds {capacity} pulses.");
        }

        Span<byte> chunk = stackalloc byte[ChunkPulses * BytesPerPulse];
        int done = 0;
        lock (_readLock)
        {
            _stream.Position = _dataOffsetBytes + (firstSequence * BytesPerPulse);
            while (done < destination.Length)
            {
                int pulses = Math.Min(ChunkPulses, destination.Length - done);
                Span<byte> bytes = chunk[..(pulses * BytesPerPulse)];
                _stream.ReadExactly(bytes);
                for (int i = 0; i < pulses; i++)
                {
                    destination[done + i] = _decoder.Decode(BinaryPrimitives.ReadUInt64LittleEndian(bytes.Slice(i * BytesPerPulse, BytesPerPulse)));
                }

                done += pulses;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
