using JinanOnboard.QuantumChannel.Profiles;

namespace JinanOnboard.QuantumChannel.Simulation;

/// <summary>Running counts of what the simulator has produced so far (ground truth, for tests and reports).</summary>
public sealed class ChannelSimulationStatistics
{
    /// <summary>Pulse slots covered by the segments simulated so far.</summary>
    public long PulsesSimulated { get; internal set; }

    /// <summary>Pulses in which at least one photon was detected (before dead time).</summary>
    public long DetectedPulses { get; internal set; }

    /// <summary><see cref="DetectedPulses"/> per whole second of pass (emission) time: how the pass's light came in.</summary>
    public IReadOnlyList<long> DetectedPulsesPerSecond => _perSecond;

    private readonly List<long> _perSecond = [];

    internal void CountDetectedPulse(int second)
    {
        DetectedPulses++;
        while (_perSecond.Count <= second)
        {
            _perSecond.Add(0);
        }

        _perSecond[second]++;
    }

    /// <summary>Detected pulses with two or more detected photons.</summary>
    public long MultiPhotonDetectedPulses { get; internal set; }

    /// <summary>Detected pulses that clicked both detectors of one basis (double clicks, before dead time).</summary>
    public long DoubleClickPulses { get; internal set; }

    /// <summary>Tags emitted for photon detections.</summary>
    public long SignalTags { get; internal set; }

    /// <summary>Tags emitted for dark counts and background light.</summary>
    public long NoiseTags { get; internal set; }

    /// <summary>Sync-word tags emitted on channel 4.</summary>
    public long SyncTags { get; internal set; }

    /// <summary>Clicks lost because their detector was still dead.</summary>
    public long DeadTimeSuppressedClicks { get; internal set; }
}
