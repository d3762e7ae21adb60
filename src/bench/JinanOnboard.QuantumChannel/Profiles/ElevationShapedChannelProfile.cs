using JinanOnboard.QuantumChannel.Simulation;

namespace JinanOnboard.QuantumChannel.Profiles;

/// <summary>
/// A pass over a site by a satellite on a circular orbit around a spherical, non-rotating Earth:
/// elevation, slant range and light time follow from the geometry, transmittance from the
/// downlink budget of models.md section 2. Pass time 0 is when the elevation rises through
/// <see cref="ElevationPassParameters.MinElevationDeg"/>; the window lasts <see cref="WindowSeconds"/>.
/// Good enough to shape a pass for tests and benchmarks; the orbit layer replaces it with SGP4.
/// </summary>
public sealed class ElevationShapedChannelProfile : IChannelProfile
{
    private const double EarthRadiusKm = 6371.0;
    private const double EarthGravitationalParameterKm3PerS2 = 398600.4418;
    private const double SpeedOfLightKmPerS = 299792.458;

    private readonly ElevationPassParameters _parameters;
    private readonly double _orbitRadiusKm;
    private readonly double _meanMotionRadPerS;
    private readonly double _crossTrackAngleRad;
    private readonly double _halfWindowSeconds;
    private readonly double _fixedTransmittance;

    /// <summary>Builds the pass.</summary>
    /// <exception cref="ArgumentException">Elevations or geometry are out of range.</exception>
    public ElevationShapedChannelProfile(ElevationPassParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(parameters.MinElevationDeg >= 0 && parameters.MinElevationDeg < parameters.MaxElevationDeg && parameters.MaxElevationDeg <= 90))
        {
            throw new ArgumentException("Need 0 <= MinElevationDeg < MaxElevationDeg <= 90.", nameof(parameters));
        }

        if (!(parameters.AltitudeKm > 0))
        {
            throw new ArgumentException("AltitudeKm must be positive.", nameof(parameters));
        }

        _parameters = parameters;
        _orbitRadiusKm = EarthRadiusKm + parameters.AltitudeKm;
        _meanMotionRadPerS = Math.Sqrt(EarthGravitationalParameterKm3PerS2 / (_orbitRadiusKm * _orbitRadiusKm * _orbitRadiusKm));
        _crossTrackAngleRad = CentralAngleRad(DegToRad(parameters.MaxElevationDeg));

        // Central angle between site and satellite: cos γ = cos θ · cos ψ (θ along track, ψ cross track).
        double cosTheta = Math.Cos(CentralAngleRad(DegToRad(parameters.MinElevationDeg))) / Math.Cos(_crossTrackAngleRad);
        _halfWindowSeconds = Math.Acos(Math.Min(1.0, cosTheta)) / _meanMotionRadPerS;
        _fixedTransmittance = parameters.ReceiverOpticalEfficiency * Math.Pow(10.0, -parameters.PointingLossDb / 10.0);
    }

    /// <summary>Duration of the QKD window (s), from rising to setting through the minimum elevation.</summary>
    public double WindowSeconds => 2.0 * _halfWindowSeconds;

    /// <summary>Elevation of the satellite (deg) at a pass time.</summary>
    public double ElevationDegAt(double passSeconds)
    {
        double gamma = CentralAngleAt(passSeconds);
        return RadToDeg(Math.Atan2(Math.Cos(gamma) - (EarthRadiusKm / _orbitRadiusKm), Math.Sin(gamma)));
    }

    /// <summary>Slant range (km) at a pass time.</summary>
    public double RangeKmAt(double passSeconds)
    {
        double gamma = CentralAngleAt(passSeconds);
        return Math.Sqrt((_orbitRadiusKm * _orbitRadiusKm) + (EarthRadiusKm * EarthRadiusKm) - (2.0 * _orbitRadiusKm * EarthRadiusKm * Math.Cos(gamma)));
    }

    /// <inheritdoc />
    public double TransmittanceAt(double passSeconds)
    {
        // models.md section 2: ω_r = sqrt((λ/(πφ))² + (φL)²), T_geo = 1 - exp(-D_r²/(2ω_r²)),
        // T_atm = exp(-Λ_A0 csc β) (clear sky), times receiver optics and pointing loss.
        double rangeM = RangeKmAt(passSeconds) * 1000.0;
        double divergenceRad = _parameters.DivergenceMicroradians * 1e-6;
        double wavelengthM = _parameters.WavelengthNm * 1e-9;
        double diffraction = wavelengthM / (Math.PI * divergenceRad);
        double spread = divergenceRad * rangeM;
        double beamRadiusSquaredM2 = (diffraction * diffraction) + (spread * spread);
        double aperture = _parameters.ReceiverApertureM;
        double geometric = -Numerics.ExpM1(-(aperture * aperture) / (2.0 * beamRadiusSquaredM2));
        double elevationRad = DegToRad(Math.Max(ElevationDegAt(passSeconds), 0.5));
        double atmospheric = Math.Exp(-_parameters.ExtinctionCoefficient / Math.Sin(elevationRad));
        return geometric * atmospheric * _fixedTransmittance;
    }

    /// <inheritdoc />
    public double BackgroundRatePerDetectorHz(double passSeconds) => _parameters.BackgroundPerDetectorHz;

    /// <inheritdoc />
    public double PolarizationErrorAt(double passSeconds) => _parameters.PolarizationError;

    /// <inheritdoc />
    public double OneWayDelaySecondsAt(double passSeconds) => RangeKmAt(passSeconds) / SpeedOfLightKmPerS;

    private double CentralAngleAt(double passSeconds)
    {
        double alongTrack = _meanMotionRadPerS * (passSeconds - _halfWindowSeconds);
        return Math.Acos(Math.Cos(alongTrack) * Math.Cos(_crossTrackAngleRad));
    }

    // Earth central angle between the site and a satellite seen at elevation β: γ = acos(R cos β / r) - β.
    private double CentralAngleRad(double elevationRad) => Math.Acos(EarthRadiusKm * Math.Cos(elevationRad) / _orbitRadiusKm) - elevationRad;

    private static double DegToRad(double degrees) => degrees * Math.PI / 180.0;

    private static double RadToDeg(double radians) => radians * 180.0 / Math.PI;
}
