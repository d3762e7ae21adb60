using System.Globalization;
using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Validity;

namespace JinanOnboard.Control.Pointing;

/// <summary>Which vector a coarse loop closes on.</summary>
public enum VectorSource
{
    /// <summary>The auxiliary vector: orbit prediction with attitude sensors (payload) or encoders (OGS).</summary>
    Auxiliary,

    /// <summary>The tracking camera's beacon centroid.</summary>
    Camera,
}

/// <summary>Why a camera frame was not used.</summary>
public enum FrameRejection
{
    /// <summary>Accepted.</summary>
    None,

    /// <summary>No spot (beacon not seen, camera dropout).</summary>
    NoSpot,

    /// <summary>More than one spot (a false target beside the beacon).</summary>
    SeveralSpots,

    /// <summary>Intensity outside the window (background, glint, cloud-dimmed beacon).</summary>
    Intensity,

    /// <summary>The centroid disagrees with the auxiliary vector by more than the gate (a false target).</summary>
    Innovation,

    /// <summary>No frame arrived during the cycle.</summary>
    NoFrame,
}

/// <summary>
/// Dual-source arbitration (system.md §APT; protocol-spec/apt-arbitration.md): a camera frame is valid when it has
/// exactly one spot, an intensity inside the window and a centroid within the innovation gate of the auxiliary vector.
/// The loop leaves the camera for the auxiliary vector after <c>InvalidFramesToSwitch</c> consecutive invalid frames and
/// returns after <c>ValidFramesToSwitchBack</c> consecutive valid ones (hysteresis), and every switch is an event.
/// Starts on the auxiliary vector (open-loop pointing).
/// </summary>
public sealed class VectorSourceArbiter
{
    private readonly string _end;
    private readonly ArbitrationSettings _settings;
    private readonly AptEventLog _log;
    private readonly ConsecutiveHysteresis _cameraUsable;
    private readonly long[] _rejections = new long[Enum.GetValues<FrameRejection>().Length];
    private FrameRejection _lastRejection;

    public VectorSourceArbiter(string end, ArbitrationSettings settings, AptEventLog log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _end = end;
        _settings = settings;
        _log = log;
        _cameraUsable = new ConsecutiveHysteresis(settings.ValidFramesToSwitchBack, settings.InvalidFramesToSwitch, initial: false);
    }

    /// <summary>The source the loop closes on now.</summary>
    public VectorSource Source => _cameraUsable.IsOn ? VectorSource.Camera : VectorSource.Auxiliary;

    /// <summary>Frames accepted.</summary>
    public long ValidFrames => _rejections[(int)FrameRejection.None];

    /// <summary>Frames (or empty cycles) rejected for <paramref name="reason"/>.</summary>
    public long Rejected(FrameRejection reason) => _rejections[(int)reason];

    /// <summary>Switches so far.</summary>
    public int Switches { get; private set; }

    /// <summary>The validity tests of apt-arbitration.md §Validity, in order.</summary>
    public FrameRejection Check(in CentroidFrame frame, in AuxiliaryVector auxiliary)
    {
        if (frame.SpotCount == 0)
        {
            return FrameRejection.NoSpot;
        }

        if (frame.SpotCount > 1)
        {
            return FrameRejection.SeveralSpots;
        }

        if (frame.Intensity < _settings.IntensityMin || frame.Intensity > _settings.IntensityMax)
        {
            return FrameRejection.Intensity;
        }

        double dx = frame.XMicroradians - auxiliary.XMicroradians;
        double dy = frame.YMicroradians - auxiliary.YMicroradians;
        return (dx * dx) + (dy * dy) > _settings.GateUrad * _settings.GateUrad ? FrameRejection.Innovation : FrameRejection.None;
    }

    /// <summary>Feeds one frame's verdict (or <see cref="FrameRejection.NoFrame"/>); returns it. Logs a switch when the source changes.</summary>
    public FrameRejection Observe(double timeS, FrameRejection verdict)
    {
        _rejections[(int)verdict]++;
        if (verdict != FrameRejection.None)
        {
            _lastRejection = verdict;
        }

        if (_cameraUsable.Update(verdict == FrameRejection.None))
        {
            Switches++;
            _log.Add(timeS, _end, AptEventKind.SourceSwitched, _cameraUsable.IsOn
                ? string.Create(CultureInfo.InvariantCulture, $"auxiliary -> camera: {_settings.ValidFramesToSwitchBack} consecutive valid frames")
                : string.Create(CultureInfo.InvariantCulture, $"camera -> auxiliary: {_settings.InvalidFramesToSwitch} consecutive invalid frames (last: {Describe(_lastRejection)})"));
        }

        return verdict;
    }

    private static string Describe(FrameRejection r) => r switch
    {
        FrameRejection.NoSpot => "no spot",
        FrameRejection.SeveralSpots => "several spots",
        FrameRejection.Intensity => "intensity outside the window",
        FrameRejection.Innovation => "outside the innovation gate",
        FrameRejection.NoFrame => "no frame",
        _ => "valid",
    };
}
