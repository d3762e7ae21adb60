using JinanOnboard.Orbit.Sites;
using JinanOnboard.Physics.Parameters;
using JinanOnboard.Studies.RingTwinField.Geometry;
using JinanOnboard.Studies.RingTwinField.KeyRate;

namespace JinanOnboard.Studies.RingTwinField.Study;

/// <summary>One configuration of the ring study: the set, the two ground stations, the observation and the model's fixed figures.</summary>
public sealed record RingScenario(
    PhysicsParameterSet RingSet,
    GroundSite StationA,
    GroundSite StationB,
    DateTime EpochUtc,
    double ObservationHours,
    double StepS,
    double MinElevationDeg,
    double GrazingHeightKm,
    double BlockSeconds,
    SnsTfSettings Settings)
{
    /// <summary>Default observation start (assumed): the March equinox, 2026-03-20 00:00 UTC.</summary>
    public static readonly DateTime DefaultEpochUtc = new(2026, 3, 20, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The scenario with the ring set's figures and the study's assumed defaults.</summary>
    public static RingScenario Default(PhysicsParameterSet ringSet, GroundSite a, GroundSite b)
    {
        ArgumentNullException.ThrowIfNull(ringSet);
        return new RingScenario(
            ringSet, a, b, DefaultEpochUtc, ringSet.NumberOr("orbit.observation_period_h", 24), 10, 10, RingGeometry.DefaultGrazingHeightKm, 100,
            new SnsTfSettings
            {
                Misalignment = ringSet.Number("protocol.misalignment_error"),
                ErrorCorrectionInefficiency = ringSet.Number("protocol.error_correction_inefficiency"),
            });
    }

    /// <summary>The ring's geometry from the set (Earth radius and altitude) and the grazing height.</summary>
    public RingGeometry Geometry => new(RingSet.Number("orbit.earth_radius_km"), RingSet.Number("orbit.altitude_km"), GrazingHeightKm);

    /// <summary>Pulse rate, Hz (ring set: 1 GHz).</summary>
    public double RepetitionRateHz => RingSet.Number("source.repetition_rate_hz");

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming a bad value.</summary>
    public void Validate()
    {
        if (ObservationHours is <= 0 or > 240 || double.IsNaN(ObservationHours))
        {
            throw new ArgumentOutOfRangeException(nameof(ObservationHours), ObservationHours, "observation must be in (0, 240] h");
        }

        if (StepS is <= 0 or > 600 || double.IsNaN(StepS))
        {
            throw new ArgumentOutOfRangeException(nameof(StepS), StepS, "time step must be in (0, 600] s");
        }

        if (MinElevationDeg is <= 0 or >= 90 || double.IsNaN(MinElevationDeg))
        {
            throw new ArgumentOutOfRangeException(nameof(MinElevationDeg), MinElevationDeg, "minimum elevation must be in (0, 90) deg");
        }

        if (GrazingHeightKm < 0 || GrazingHeightKm >= RingSet.Number("orbit.altitude_km") || double.IsNaN(GrazingHeightKm))
        {
            throw new ArgumentOutOfRangeException(nameof(GrazingHeightKm), GrazingHeightKm, "grazing height must be in [0, altitude) km");
        }
    }
}
