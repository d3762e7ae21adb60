using BenchmarkDotNet.Attributes;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Signing;

namespace JinanOnboard.Protocol.Benchmarks;

/// <summary>
/// Frame encode+sign and verify+decode on one core. Throughput in Mbit/s of payload =
/// PacketZoneCapacity × 8 / (mean time per frame); BenchmarkDotNet reports the time per frame.
/// Run: make bench-micro FILTER='*FrameCodec*'
/// </summary>
[MemoryDiagnoser]
public class FrameCodecBenchmarks
{
    private Identity _identity = null!;
    private FrameSigner _signer = null!;
    private FrameVerifier _verifier = null!;
    private byte[] _cadu = null!;
    private byte[] _sealed = null!;
    private byte[] _payload = null!;

    [Params(1024, 4096, 16384)]
    public int FrameLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _identity = Identity.FromSeed(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        _signer = new FrameSigner(_identity);
        _verifier = new FrameVerifier(_identity.PublicKey);
        _cadu = new byte[TransferFrameLayout.CaduLength(FrameLength)];
        _payload = new byte[TransferFrameLayout.PacketZoneCapacity(FrameLength)];
        new Random(1).NextBytes(_payload);
        _sealed = new byte[_cadu.Length];
        Encode(_sealed);
    }

    [GlobalCleanup]
    public void Cleanup() => _identity.Dispose();

    [Benchmark(Description = "encode+sign")]
    public void EncodeAndSign() => Encode(_cadu);

    [Benchmark(Description = "verify+decode")]
    public int VerifyAndDecode()
    {
        FrameCheck check = TransferFrameCodec.Open(_sealed.AsSpan(TransferFrameLayout.SyncMarkerLength), 0x2A, _verifier, out TransferFrameHeader header, out ReadOnlySpan<byte> zone);
        return check == FrameCheck.Ok ? zone.Length + header.PacketZoneLength : -1;
    }

    private void Encode(byte[] cadu)
    {
        _payload.CopyTo(cadu.AsSpan(TransferFrameLayout.SyncMarkerLength + TransferFrameLayout.HeaderLength));
        var header = new TransferFrameHeader(0x2A, 1, 1, 1, 2, 3, (ushort)_payload.Length);
        TransferFrameCodec.Seal(cadu, header, _signer);
    }
}
