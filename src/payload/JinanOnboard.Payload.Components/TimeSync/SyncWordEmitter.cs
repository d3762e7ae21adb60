using JinanOnboard.Runtime.Ports;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Protocol.Messages;

namespace JinanOnboard.Payload.Components.TimeSync;

/// <summary>
/// Payload: at every tick, sends the sync words emitted since the last tick (9.5 kHz, one every
/// <see cref="SyncSchedule.PulsesPerSyncWord"/> pulses) with their emission times on the payload clock,
/// in batches of at most <c>wordsPerMessage</c>, reliably.
/// </summary>
public sealed class SyncWordEmitter
{
    private readonly double _syncPeriodPs;
    private readonly int _wordsPerMessage;
    private ulong _nextIndex;

    public SyncWordEmitter(double pulsePeriodPs, int wordsPerMessage)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pulsePeriodPs);
        ArgumentOutOfRangeException.ThrowIfLessThan(wordsPerMessage, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wordsPerMessage, SyncWordBatch.MaxWords);
        _syncPeriodPs = pulsePeriodPs * SyncSchedule.PulsesPerSyncWord;
        _wordsPerMessage = wordsPerMessage;
    }

    /// <summary>Output: messages for the link.</summary>
    public AsyncOutputPort<OutboundMessage> Downlink { get; } = new("sync.downlink", PortMultiplicity.One);

    /// <summary>Sync words sent so far.</summary>
    public ulong WordsSent => _nextIndex;

    /// <summary>Input: pass time advanced to <paramref name="passTime"/>.</summary>
    public async ValueTask OnTickAsync(TimeSpan passTime, CancellationToken cancellationToken)
    {
        double passPs = passTime.Ticks * 1e5; // 1 tick = 100 ns = 1e5 ps
        ulong end = (ulong)Math.Floor(passPs / _syncPeriodPs) + 1; // words with emission time <= passTime
        while (_nextIndex < end)
        {
            int count = (int)Math.Min((ulong)_wordsPerMessage, end - _nextIndex);
            long[] times = new long[count];
            for (int i = 0; i < count; i++)
            {
                times[i] = (long)Math.Round((_nextIndex + (ulong)i) * _syncPeriodPs);
            }

            var batch = new SyncWordBatch(_nextIndex, times);
            _nextIndex += (ulong)count;
            await Downlink.InvokeAsync(new OutboundMessage(Apids.TimeSync, SyncWordBatch.MessageType, batch.Encode(), Reliable: true), cancellationToken);
        }
    }
}
