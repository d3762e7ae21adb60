using JinanOnboard.Control.Configuration;
using JinanOnboard.PointingBench.Disturbances;
using JinanOnboard.PointingBench.Geometry;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.PointingBench.Ends;

/// <summary>What moves an end's fine line of sight between fine-camera frames: platform jitter at the payload, turbulence tilt at the OGS.</summary>
internal interface IFineDisturbance
{
    /// <summary>The disturbance at the fine sample at <paramref name="timeS"/>, µrad per axis; called once per fine sample in time order.</summary>
    (double X, double Y) Next(double timeS);
}

/// <summary>The payload's micro-vibration (<see cref="PlatformJitter"/>), one stream per axis.</summary>
internal sealed class PlatformJitterPair(JitterSettings settings, GaussianStream x, GaussianStream y, double rateHz) : IFineDisturbance
{
    private readonly PlatformJitter _x = new(settings, x, rateHz);
    private readonly PlatformJitter _y = new(settings, y, rateHz);

    public (double X, double Y) Next(double timeS) => (_x.Next(timeS), _y.Next(timeS));
}

/// <summary>The OGS's turbulence-induced tilt (<see cref="TurbulenceTilt"/>), its strength and bandwidth following elevation and slew once a second.</summary>
internal sealed class TurbulenceTiltPair(TurbulenceTilt tilt, LineOfSightTrack track) : IFineDisturbance
{
    private int _second = -1;

    public (double X, double Y) Next(double timeS)
    {
        if ((int)timeS != _second)
        {
            _second = (int)timeS;
            track.At(timeS, out LineOfSight lx, out LineOfSight ly);
            double slewRadPerS = Math.Sqrt((lx.Rate * lx.Rate) + (ly.Rate * ly.Rate)) * 1e-6;
            tilt.Update(track.ElevationDeg(timeS), slewRadPerS);
        }

        return tilt.Next();
    }
}
