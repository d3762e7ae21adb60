using System.Globalization;

namespace JinanOnboard.Transport.Tests.Contract;

public sealed class MemoryTransportContractTests : TransportContractTests
{
    private readonly string _name = "contract-" + Guid.NewGuid().ToString("N");

    protected override string BindEndpoint() => $"memory://{_name}";
}

public sealed class TcpTransportContractTests : TransportContractTests
{
    protected override string BindEndpoint() => "tcp://127.0.0.1:0";
}

public sealed class UnixTransportContractTests : TransportContractTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "jinan-contract-" + Guid.NewGuid().ToString("N")[..12] + ".sock");

    protected override string BindEndpoint() => $"unix://{_path}";
}

/// <summary>
/// UDP on loopback: no loss expected, so ordered delivery is asserted; but a datagram socket has no
/// end-to-end flow control, so the large transfer reads while it writes and stays within the socket buffer's reach.
/// </summary>
public sealed class UdpTransportContractTests : TransportContractTests
{
    protected override int LargeTransferBytes => 1 << 20;

    protected override bool HasEndToEndBackPressure => false;

    protected override string BindEndpoint() => "udp://127.0.0.1:0?mtu=1200";

    protected override string ConnectEndpoint(IConnectionListener listener) => listener.EndPoint + "?mtu=1200";
}

/// <summary>Serial for real: two pseudo-terminals joined by socat, one opened by each end.</summary>
public sealed class SerialTransportContractTests : TransportContractTests
{
    private SocatPtyPair? _socat;

    protected override int LargeTransferBytes => 2 << 20;

    protected override bool SignalsEndOfStream => false;

    protected override async Task<IAsyncDisposable?> PrepareAsync()
    {
        _socat = await SocatPtyPair.StartAsync();
        return _socat;
    }

    protected override string BindEndpoint() => _socat is null
        ? "serial:///dev/null"
        : string.Create(CultureInfo.InvariantCulture, $"serial://{_socat.FirstPath}?baud=921600");

    protected override string ConnectEndpoint(IConnectionListener listener) =>
        string.Create(CultureInfo.InvariantCulture, $"serial://{_socat!.SecondPath}?baud=921600");
}

/// <summary>
/// The emulation layer must keep the contract itself: a clear link (no loss, no errors, no delay) over memory.
/// Five-byte chunks divide every exact-length read the suite makes (a partial chunk waits for more bytes by
/// design), and the transfer sizes are kept small because tiny chunks cost a pipe flush each; back-pressure
/// through the emulation is tested at CADU-sized chunks in EmulatedConnectionTests.
/// </summary>
public sealed class EmulatedLinkContractTests : TransportContractTests
{
    private static readonly JinanOnboard.Transport.LinkEmulation.LinkDirectionOptions ClearLink = new()
    {
        ChunkBytes = 5,
        BitRateBitsPerSecond = double.PositiveInfinity,
        MaxInFlightBytes = 64 * 1024,
        TransmitBufferBytes = 64 * 1024,
    };

    private readonly string _name = "emulated-" + Guid.NewGuid().ToString("N");

    protected override int LargeTransferBytes => 600_000;

    protected override bool HasEndToEndBackPressure => false;

    protected override string BindEndpoint() => $"memory://{_name}";

    protected override TransportConnection WrapClient(TransportConnection client) =>
        JinanOnboard.Transport.LinkEmulation.LinkEmulator.Wrap(client, ClearLink, ClearLink with { RandomStreams = JinanOnboard.Primitives.Randomness.SeedSequence.UniformStreams(1) }, TimeProvider.System);
}
