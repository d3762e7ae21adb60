using JinanOnboard.Devices.Waveplates;
using JinanOnboard.Ground.Components.Polarization;
using JinanOnboard.Payload.Components.Polarization;
using JinanOnboard.Polarization.Calibration;
using JinanOnboard.Polarization.Compensation;
using JinanOnboard.Polarization.Jones;
using JinanOnboard.Runtime.Messages;

namespace JinanOnboard.Firmware.Tests.Polarization;

/// <summary>A rotation mount that is exactly where it is told (the test's truth and the mount's report agree).</summary>
internal sealed class MemoryRotator(string name) : IWaveplateRotator
{
    public string Identity => name;

    public double AngleDegrees { get; private set; } = 17;

    public List<double> Commands { get; } = [];

    public ValueTask HomeAsync(CancellationToken cancellationToken = default)
    {
        AngleDegrees = 0;
        return ValueTask.CompletedTask;
    }

    public ValueTask<double> MoveToAsync(double angleDegrees, CancellationToken cancellationToken = default)
    {
        Commands.Add(angleDegrees);
        double r = angleDegrees % 360.0;
        AngleDegrees = r < 0 ? r + 360.0 : r;
        return ValueTask.FromResult(AngleDegrees);
    }

    public ValueTask<double> GetAngleAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(AngleDegrees);
}

/// <summary>The payload's compensator plates in memory; records what the source was asked to send.</summary>
internal sealed class MemoryCompensator : ICompensatorHardware
{
    public MemoryRotator First { get; } = new("QWP 1");

    public MemoryRotator Half { get; } = new("HWP");

    public MemoryRotator Second { get; } = new("QWP 2");

    public IWaveplateRotator FirstQuarterWave => First;

    public IWaveplateRotator HalfWave => Half;

    public IWaveplateRotator SecondQuarterWave => Second;

    public List<(int Request, Bb84State State)> Emitted { get; } = [];

    public int KeyModeSwitches { get; private set; }

    public CompensatorAngles Plates => new(First.AngleDegrees, Half.AngleDegrees, Second.AngleDegrees);

    public ValueTask EmitReferenceAsync(int request, Bb84State state, CancellationToken cancellationToken)
    {
        Emitted.Add((request, state));
        return ValueTask.CompletedTask;
    }

    public ValueTask EmitKeysAsync(CancellationToken cancellationToken)
    {
        KeyModeSwitches++;
        return ValueTask.CompletedTask;
    }
}

/// <summary>The OGS's plate in memory and a decoder that answers with fixed counts (or not at all).</summary>
internal sealed class MemoryOgs(DecoderCounts? counts) : IOgsPolarizationHardware
{
    public MemoryRotator Plate { get; } = new("OGS HWP");

    public IWaveplateRotator HalfWave => Plate;

    public List<int> SecondsSet { get; } = [];

    public bool Ended { get; private set; }

    public CalibrationResult? Reported { get; private set; }

    public List<(int Request, Bb84State State, double DwellS)> Counted { get; } = [];

    public ValueTask<DecoderCounts?> CountReferenceAsync(int request, Bb84State state, double dwellS, CancellationToken cancellationToken)
    {
        Counted.Add((request, state, dwellS));
        return ValueTask.FromResult(counts);
    }

    public void OnHalfWaveSet(int passSecond) => SecondsSet.Add(passSecond);

    public void OnFollowingEnded() => Ended = true;

    public void OnCalibrationReported(CalibrationResult result) => Reported = result;
}
