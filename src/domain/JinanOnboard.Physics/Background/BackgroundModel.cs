using JinanOnboard.Physics.Parameters;

namespace JinanOnboard.Physics.Background;

/// <summary>Sky conditions along the line of sight that set the background.</summary>
/// <param name="MoonIlluminatedFraction">0 new .. 1 full.</param>
/// <param name="MoonElevationDeg">Moon elevation at the site (below 0: no moonlight).</param>
/// <param name="MoonSeparationDeg">Angle between the Moon and the satellite as seen from the site.</param>
/// <param name="UrbanSky">Add the urban light-pollution radiance (Jinan, Hefei, Wuhan rooftops; not Nanshan).</param>
public readonly record struct SkyConditions(double MoonIlluminatedFraction, double MoonElevationDeg, double MoonSeparationDeg, bool UrbanSky);

/// <summary>
/// Background count rate per detector: dark counts plus sky photons within the receiver's field of view
/// and filter, N = L · A · Ω · Δλ · η_opt · η_det / (hc/λ) shared evenly by the detectors (the radiometric form of
/// Miao et al., New J. Phys. 7, 215 (2005)). Sky radiance L = natural night sky + urban glow + moonlit sky scaled by
/// illuminated fraction and sin(Moon elevation), multiplied by a factor when the Moon is near the line of sight.
/// All radiances and the scaling are assumptions (marked in the parameter sets). When a set has no radiometric
/// keys (the Micius study sets), the study's background yield Y0 per pulse times the repetition rate is used instead.
/// </summary>
public sealed class BackgroundModel
{
    private const double PlanckJs = 6.62607015e-34;
    private const double LightSpeedMPerS = 299792458.0;

    private readonly PhysicsParameterSet _set;
    private readonly bool _radiometric;
    private readonly double _photonsPerSPerRadiance;
    private readonly int _detectors;

    /// <summary>Bind to a parameter set.</summary>
    public BackgroundModel(PhysicsParameterSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        _set = set;
        _detectors = (int)set.NumberOr("receiver.detector_count", 1);
        _radiometric = set.Has("background.night_sky_radiance_w_m2_sr_nm") && set.Has("receiver.field_of_view_urad")
            && set.Has("receiver.filter_bandwidth_nm") && set.Has("receiver.aperture_m");
        if (_radiometric)
        {
            double radius = set.Number("receiver.aperture_m") / 2.0;
            double area = Math.PI * radius * radius;
            double halfFov = set.Number("receiver.field_of_view_urad") * 1e-6 / 2.0;
            double solidAngle = Math.PI * halfFov * halfFov;
            double efficiency = set.NumberOr("receiver.optical_efficiency", 1.0) * set.NumberOr("receiver.detector_efficiency", 1.0);
            double photonJ = PlanckJs * LightSpeedMPerS / set.WavelengthM;
            _photonsPerSPerRadiance = area * solidAngle * set.Number("receiver.filter_bandwidth_nm") * efficiency / photonJ;
        }
    }

    /// <summary>Dark count rate of one detector, 1/s (0 when the set gives none).</summary>
    public double DarkCountsPerS => _set.NumberOr("receiver.dark_count_per_s", 0);

    /// <summary>Number of detectors sharing the background.</summary>
    public int DetectorCount => _detectors;

    /// <summary>Sky radiance along the line of sight, W m^-2 sr^-1 nm^-1 (NaN when the set is not radiometric).</summary>
    public double SkyRadiance(SkyConditions sky)
    {
        if (!_radiometric)
        {
            return double.NaN;
        }

        double l = _set.Number("background.night_sky_radiance_w_m2_sr_nm");
        if (sky.UrbanSky)
        {
            l += _set.NumberOr("background.urban_radiance_w_m2_sr_nm", 0);
        }

        if (sky.MoonElevationDeg > 0)
        {
            double moon = _set.NumberOr("background.full_moon_sky_radiance_w_m2_sr_nm", 0)
                * Math.Clamp(sky.MoonIlluminatedFraction, 0, 1) * Math.Sin(sky.MoonElevationDeg * Math.PI / 180.0);
            if (sky.MoonSeparationDeg < _set.NumberOr("background.moon_near_angle_deg", 0))
            {
                moon *= _set.NumberOr("background.moon_near_factor", 1);
            }

            l += moon;
        }

        return l;
    }

    /// <summary>Background counts per second in one detector: dark counts plus its share of the sky photons.</summary>
    public double CountsPerSPerDetector(SkyConditions sky)
    {
        if (!_radiometric)
        {
            double total = _set.NumberOr("protocol.background_yield", 0) * _set.NumberOr("source.repetition_rate_hz", 0);
            return DarkCountsPerS + (total / _detectors);
        }

        return DarkCountsPerS + (SkyRadiance(sky) * _photonsPerSPerRadiance / _detectors);
    }
}
