using System.Buffers;
using System.IO.Pipelines;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Framing;
using JinanOnboard.Protocol.Signing;

namespace JinanOnboard.Firmware.Tests.Harness;

/// <summary>
/// A payload and a ground <see cref="LinkSession"/> joined by in-memory pipes, each with its
/// <see cref="LinkComponent"/>: the real link stack without sockets, for component tests that need it.
/// </summary>
internal sealed class LinkPair : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Identity _payloadIdentity = Identity.FromSeed(Enumerable.Repeat((byte)7, 32).ToArray());
    private readonly Identity _groundIdentity = Identity.FromSeed(Enumerable.Repeat((byte)8, 32).ToArray());

    private readonly Pipe _fromPayload = new();
    private readonly Pipe _toGround = new();
    private readonly Func<long, bool> _dropDownlinkCadu;
    private readonly int _caduLength;
    private Task _relay = Task.CompletedTask;
    private long _droppedCadus;

    /// <param name="maxInFlight">Reliable sends in flight per LinkComponent.</param>
    /// <param name="dropDownlinkCadu">Payload → ground CADUs (by index from 0) to lose on the way, to force retransmissions.</param>
    public LinkPair(int maxInFlight = 64, Func<long, bool>? dropDownlinkCadu = null)
    {
        _dropDownlinkCadu = dropDownlinkCadu ?? (_ => false);
        var toPayload = new Pipe();
        var options = new LinkSessionOptions
        {
            FrameLength = 1024,
            AckTimeout = TimeSpan.FromMilliseconds(50),
            RetransmitBackoff = TimeSpan.FromMilliseconds(2),
            MaxRetransmitBackoff = TimeSpan.FromMilliseconds(50),
            LossOfLinkTimeout = TimeSpan.FromSeconds(5),
        };
        PayloadSession = new LinkSession(new PipeEnd(toPayload.Reader, _fromPayload.Writer), options with { IsPayload = true, SessionId = 0xA1 }, _payloadIdentity, _groundIdentity.PublicKey);
        GroundSession = new LinkSession(new PipeEnd(_toGround.Reader, toPayload.Writer), options with { IsPayload = false, SessionId = 0xB2 }, _groundIdentity, _payloadIdentity.PublicKey);
        _caduLength = TransferFrameLayout.CaduLength(options.FrameLength);
        PayloadLink = new LinkComponent(PayloadSession, maxInFlight);
        GroundLink = new LinkComponent(GroundSession, maxInFlight);
    }

    /// <summary>Downlink CADUs dropped by the relay so far.</summary>
    public long DroppedCadus => Interlocked.Read(ref _droppedCadus);

    public LinkSession PayloadSession { get; }

    public LinkSession GroundSession { get; }

    public LinkComponent PayloadLink { get; }

    public LinkComponent GroundLink { get; }

    public Task PayloadSessionRun { get; private set; } = Task.CompletedTask;

    public Task GroundSessionRun { get; private set; } = Task.CompletedTask;

    public Task GroundRouting { get; private set; } = Task.CompletedTask;

    public Task PayloadRouting { get; private set; } = Task.CompletedTask;

    /// <summary>Starts both sessions and both routers, after the test has wired its ports.</summary>
    public async Task StartAsync()
    {
        _relay = Task.Run(() => RelayDownlinkAsync(_stop.Token));
        PayloadSessionRun = PayloadSession.RunAsync(_stop.Token);
        GroundSessionRun = GroundSession.RunAsync(_stop.Token);
        PayloadRouting = PayloadLink.RunAsync(_stop.Token);
        GroundRouting = GroundLink.RunAsync(_stop.Token);
        await Task.WhenAll(PayloadSession.Connected, GroundSession.Connected).WaitAsync(PortHarness.Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(PayloadSessionRun, GroundSessionRun, PayloadRouting, GroundRouting, _relay)
            .ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(PortHarness.Timeout);
        await PayloadSession.DisposeAsync();
        await GroundSession.DisposeAsync();
        _stop.Dispose();
        _payloadIdentity.Dispose();
        _groundIdentity.Dispose();
    }

    /// <summary>Forwards whole CADUs payload → ground, losing the ones the test asked to lose.</summary>
    private async Task RelayDownlinkAsync(CancellationToken cancellationToken)
    {
        long index = 0;
        try
        {
            while (true)
            {
                ReadResult read = await _fromPayload.Reader.ReadAtLeastAsync(_caduLength, cancellationToken);
                ReadOnlySequence<byte> buffer = read.Buffer;
                while (buffer.Length >= _caduLength)
                {
                    ReadOnlySequence<byte> cadu = buffer.Slice(0, _caduLength);
                    if (_dropDownlinkCadu(index++))
                    {
                        Interlocked.Increment(ref _droppedCadus);
                    }
                    else
                    {
                        foreach (ReadOnlyMemory<byte> segment in cadu)
                        {
                            await _toGround.Writer.WriteAsync(segment, cancellationToken);
                        }
                    }

                    buffer = buffer.Slice(_caduLength);
                }

                _fromPayload.Reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        await _toGround.Writer.CompleteAsync();
    }

    private sealed class PipeEnd(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
