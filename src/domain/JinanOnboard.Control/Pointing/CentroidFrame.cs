namespace JinanOnboard.Control.Pointing;

/// <summary>
/// One camera frame as a tracking loop sees it: the spot centroid relative to the boresight (µrad of line-of-sight
/// angle per axis), how many spots the centroider found, and their integrated intensity (relative units). Exposure
/// time on the pass clock, seconds. No spot: <see cref="SpotCount"/> 0 and the angles are meaningless.
/// </summary>
public readonly record struct CentroidFrame(double ExposureTimeS, double XMicroradians, double YMicroradians, int SpotCount, double Intensity)
{
    /// <summary>A frame in which nothing was found.</summary>
    public static CentroidFrame Empty(double exposureTimeS) => new(exposureTimeS, 0, 0, 0, 0);

    /// <summary>Exactly one spot.</summary>
    public bool HasSingleSpot => SpotCount == 1;

    /// <summary>Radial angle of the centroid, µrad.</summary>
    public double RadialMicroradians => Math.Sqrt((XMicroradians * XMicroradians) + (YMicroradians * YMicroradians));
}

/// <summary>
/// The satellite-to-OGS vector from orbit and attitude sensors (predicted orbit, star tracker, gyros): the pointing
/// error it implies per axis (µrad) and the error rate (µrad/s). Always available, weather-independent, less precise
/// than the camera (it carries the orbit prediction's error). The predicted line-of-sight angular acceleration
/// (µrad/s²) is the coarse loops' feedforward.
/// </summary>
public readonly record struct AuxiliaryVector(
    double TimeS,
    double XMicroradians,
    double YMicroradians,
    double XRateMicroradiansPerS,
    double YRateMicroradiansPerS,
    double XFeedforwardMicroradiansPerS2,
    double YFeedforwardMicroradiansPerS2);

/// <summary>A two-axis torque command, N·m (reaction wheels, gimbal motors).</summary>
public readonly record struct TorqueCommand(double XNewtonMetres, double YNewtonMetres);
