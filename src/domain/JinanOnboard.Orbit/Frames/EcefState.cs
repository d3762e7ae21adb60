using JinanOnboard.Orbit.Ephemeris;

namespace JinanOnboard.Orbit.Frames;

/// <summary>Earth-fixed (ECEF, pseudo-Earth-fixed without polar motion) position km and velocity km/s.</summary>
public readonly record struct EcefState(Vec3 PositionKm, Vec3 VelocityKmPerS);
