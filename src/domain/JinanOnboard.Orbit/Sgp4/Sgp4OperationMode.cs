namespace JinanOnboard.Orbit.Sgp4;

/// <summary>
/// Vallado's "opsmode": 'i' (improved, modern GMST from IAU-82 at epoch) or 'a' (AFSPC: the 1970-based
/// sidereal-time formula and node wrapping of the operational code). Only deep-space orbits differ.
/// </summary>
internal enum Sgp4OperationMode
{
    /// <summary>'i': GMST at epoch from gstime (Vallado 2006, eq. 3-45).</summary>
    Improved,

    /// <summary>'a': AFSPC-compatible sidereal time and node handling.</summary>
    Afspc,
}
