using System.Buffers.Binary;
using System.IO.Hashing;
using JinanOnboard.Primitives.Detections;

namespace JinanOnboard.Detection;

/// <summary>
/// XXH128 (seed 0) over a detection stream, each detection as 12 bytes: i64 sequence, i32 detector, both little-endian.
/// The live OGS and a replay of its recorded time tags (`jinan replay`) compute it the same way, so equal digests mean the
/// replay named every detection exactly as the pass did. A fast non-cryptographic hash: it sits on the OGS's detection
/// path (≈ 9 M detections a pass) and guards against mistakes, not against an adversary.
/// </summary>
public sealed class DetectionDigest
{
    private readonly XxHash128 _hash = new();
    private readonly byte[] _buffer = new byte[12 * 1024];

    /// <summary>Detections added.</summary>
    public long Count { get; private set; }

    /// <summary>Adds detections in stream order.</summary>
    // Hot loop: compiled at first use rather than taken from the ReadyToRun image, whose code cannot inline across
    // assemblies or use the machine's full instruction set, and with tiering off would never be replaced.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<PulseDetection> detections)
    {
        while (!detections.IsEmpty)
        {
            int take = Math.Min(detections.Length, _buffer.Length / 12);
            for (int i = 0; i < take; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(i * 12), detections[i].Sequence);
                BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan((i * 12) + 8), detections[i].Detector);
            }

            _hash.Append(_buffer.AsSpan(0, take * 12));
            Count += take;
            detections = detections[take..];
        }
    }

    /// <summary>The digest so far (32 lower-case hex digits, XXH128's canonical big-endian form); adding may continue.</summary>
    public string Hex() => Convert.ToHexStringLower(_hash.GetCurrentHash());
}
