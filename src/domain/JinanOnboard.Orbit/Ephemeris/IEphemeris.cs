namespace JinanOnboard.Orbit.Ephemeris;

/// <summary>Position and velocity in the TEME frame (the frame SGP4 produces).</summary>
public readonly record struct TemeState(Vec3 PositionKm, Vec3 VelocityKmPerS);

/// <summary>
/// Where a satellite is at a given UTC instant: implemented by the SGP4/SDP4 propagator for
/// TLE orbits and by the synthetic circular orbit used for benches without a TLE.
/// </summary>
public interface IEphemeris
{
    /// <summary>TEME state at <paramref name="utc"/>.</summary>
    /// <exception cref="OrbitPropagationException">The orbit cannot be propagated to that time (decay, eccentricity out of range...).</exception>
    TemeState StateAt(DateTime utc);
}

/// <summary>Propagation failed (SGP4 error codes 1..6 of Vallado et al. 2006, or a synthetic-orbit limit).</summary>
public sealed class OrbitPropagationException : Exception
{
    public OrbitPropagationException() { }

    public OrbitPropagationException(string message) : base(message) { }

    public OrbitPropagationException(string message, Exception inner) : base(message, inner) { }

    public OrbitPropagationException(int errorCode, double minutesSinceEpoch, string message)
        : base(message)
    {
        ErrorCode = errorCode;
        MinutesSinceEpoch = minutesSinceEpoch;
    }

    /// <summary>Vallado's SGP4 error code (1 eccentricity, 2 mean motion, 3 perturbed eccentricity, 4 semi-latus rectum, 6 decayed), 0 if not from SGP4.</summary>
    public int ErrorCode { get; }

    /// <summary>Time since TLE epoch at which propagation failed, minutes.</summary>
    public double MinutesSinceEpoch { get; }
}
