namespace JinanOnboard.Orbit.Sgp4;

/// <summary>SGP4 mean elements at epoch in the units the theory uses (rad, rad/min).</summary>
internal readonly record struct MeanElements(
    double MeanMotionRadPerMin,
    double Eccentricity,
    double InclinationRad,
    double NodeRad,
    double ArgPerigeeRad,
    double MeanAnomalyRad);

/// <summary>Secular rates of mean anomaly, argument of perigee and node from J2/J4, rad/min.</summary>
internal readonly record struct SecularRates(double MeanAnomalyDot, double ArgPerigeeDot, double NodeDot);
