using JinanOnboard.Polarization;
using JinanOnboard.Polarization.Compensation;
using JinanOnboard.Polarization.Geometry;
using JinanOnboard.Polarization.Jones;

namespace JinanOnboard.PolarizationBench;

/// <summary>
/// The bench's polarization path from source to decoder: source fibre F(t), the payload's three compensator plates C
/// on their simulated mounts, the frame rotation R(ψ(t)) of the pass, the OGS half-wave plate W on its mount, and the
/// decoder. The matrices use where the plates really are (<see cref="SimulatedWaveplateMount.PlateDegrees"/>), which
/// the compensation never sees: it sees only counts and the mounts' reports.
/// </summary>
public sealed class PolarizationRig
{
    /// <param name="settings">The physics set's polarization section.</param>
    /// <param name="table">Frame rotation over the pass.</param>
    /// <param name="runSeed">Run seed (fibre and decoder streams).</param>
    public PolarizationRig(PolarizationSettings settings, PassFrameRotationTable table, ulong runSeed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(table);
        Settings = settings;
        Table = table;
        Fibre = new SingleModeFibre(runSeed, settings.FibreDriftRadPerKelvin, settings.FibreTemperatureChangeKelvin, table.Count - 1);
        Decoder = new SimulatedDecoder(runSeed, settings.CalibrationDetectionsPerState, settings.DarkCountsPerS * settings.CalibrationStepS, settings.SourceContrastDb);
        FirstQuarterWave = Mount("payload QWP 1");
        HalfWave = Mount("payload HWP");
        SecondQuarterWave = Mount("payload QWP 2");
        OgsHalfWave = Mount("OGS HWP");
    }

    /// <summary>The settings the rig was built from.</summary>
    public PolarizationSettings Settings { get; }

    /// <summary>Frame rotation over the pass.</summary>
    public PassFrameRotationTable Table { get; }

    /// <summary>The source fibre.</summary>
    public SingleModeFibre Fibre { get; }

    /// <summary>The OGS decoder.</summary>
    public SimulatedDecoder Decoder { get; }

    /// <summary>Compensator plate met first.</summary>
    public SimulatedWaveplateMount FirstQuarterWave { get; }

    /// <summary>Compensator half-wave plate.</summary>
    public SimulatedWaveplateMount HalfWave { get; }

    /// <summary>Compensator plate met last.</summary>
    public SimulatedWaveplateMount SecondQuarterWave { get; }

    /// <summary>The OGS's half-wave plate that follows the pass geometry.</summary>
    public SimulatedWaveplateMount OgsHalfWave { get; }

    /// <summary>Where the compensator's plates really are.</summary>
    public CompensatorAngles CompensatorPlates => new(FirstQuarterWave.PlateDegrees, HalfWave.PlateDegrees, SecondQuarterWave.PlateDegrees);

    /// <summary>The whole path at <paramref name="passSeconds"/> with the plates where they are: W · R(ψ) · C · F.</summary>
    public JonesMatrix ChannelAt(double passSeconds) =>
        Table.FreeSpaceJones(passSeconds, OgsHalfWave.PlateDegrees) * CompensatorPlates.ToJones() * Fibre.At(passSeconds);

    /// <summary>The path with every compensation off: compensator plates at home, OGS plate at 0°.</summary>
    public JonesMatrix UncompensatedAt(double passSeconds) =>
        Table.FreeSpaceJones(passSeconds, 0) * CompensatorAngles.Home.ToJones() * Fibre.At(passSeconds);

    private SimulatedWaveplateMount Mount(string name) => new(name, Settings.WaveplateResolutionDegrees, Settings.WaveplateBacklashDegrees);
}
