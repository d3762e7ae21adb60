using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using JinanOnboard.Protocol.Coding;
using JinanOnboard.Protocol.Integrity;

namespace JinanOnboard.Protocol.Benchmarks;

/// <summary>
/// Reed–Solomon (255,223) channel coding of one 4096-byte frame (19 interleaved codewords) on one core, beside the
/// frame's encode+sign in <see cref="FrameCodecBenchmarks"/>: encoding every frame sent; correcting a clean frame
/// (the CRC verifies, no decoding); correcting a frame at BER 1e-4 (a few damaged codewords decoded) and at 1e-3.
/// Run: make bench-micro FILTER='*ChannelCoding*'
/// </summary>
[MemoryDiagnoser]
public class ChannelCodingBenchmarks
{
    private const int FrameLength = 4096;
    private readonly FrameCoding _coding = FrameCoding.ReedSolomon(FrameLength);
    private byte[] _clean = null!;
    private byte[] _work = null!;
    private byte[] _damaged = null!;

    [Params(0.0, 1e-4, 1e-3)]
    public double BitErrorRate { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _clean = new byte[_coding.CodeblockLength];
        random.NextBytes(_clean.AsSpan(0, FrameLength - 2));
        BinaryPrimitives.WriteUInt16BigEndian(_clean.AsSpan(FrameLength - 2), Crc16Ccitt.Compute(_clean.AsSpan(0, FrameLength - 2)));
        _coding.Encode(_clean);
        _damaged = (byte[])_clean.Clone();
        for (int bit = 0; bit < _damaged.Length * 8; bit++)
        {
            if (random.NextDouble() < BitErrorRate)
            {
                _damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            }
        }

        _work = new byte[_clean.Length];
    }

    [Benchmark(Description = "encode")]
    public void Encode() => _coding.Encode(_clean);

    /// <summary>The encoder before Encode4: each codeword's LFSR run alone, for the side-by-side ratio.</summary>
    [Benchmark(Description = "encode, one codeword at a time")]
    public void EncodeOneCodewordAtATime()
    {
        Span<byte> parity = _clean.AsSpan(FrameLength);
        for (int i = 0; i < _coding.Depth; i++)
        {
            ReedSolomon255223.Encode(_clean.AsSpan(i), (FrameLength - i + _coding.Depth - 1) / _coding.Depth, _coding.Depth, parity[i..], _coding.Depth);
        }
    }

    [Benchmark(Description = "correct")]
    public int Correct()
    {
        _damaged.CopyTo(_work, 0);
        return _coding.Correct(_work);
    }
}
