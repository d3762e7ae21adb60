namespace JinanOnboard.Physics.Parameters;

/// <summary>Keys each link model needs (models.md §2-§4); checked on load so a budget never fails half-way.</summary>
internal static class LinkRequirements
{
    public static void Check(PhysicsParameterSet set)
    {
        switch (set.Kind)
        {
            case LinkKind.Downlink:
                Need(set, "transmitter.divergence_half_angle_urad");
                Need(set, "receiver.aperture_m");
                NeedOne(set, "link.extinction_coefficient", "link.atmospheric_zenith_loss_db");
                NeedOne(set, "link.pointing_loss_db", "link.pointing_error_urad");
                NeedOne(set, "receiver.optical_efficiency", "link.coupling_loss_db");
                NeedOne(set, "receiver.detector_efficiency", "link.detection_loss_db");
                break;
            case LinkKind.Uplink:
                Need(set, "transmitter.radius_m");
                Need(set, "receiver.radius_m");
                Need(set, "link.ground_cn2_m_minus_2_3");
                Need(set, "link.wind_speed_m_per_s");
                Need(set, "link.turbulence_ceiling_km");
                break;
            case LinkKind.InterSatellite:
                Need(set, "transmitter.beam_waist_m");
                Need(set, "receiver.aperture_m");
                Need(set, "link.pointing_jitter_rms_urad");
                Need(set, "receiver.detector_efficiency");
                break;
        }
    }

    private static void Need(PhysicsParameterSet set, string key)
    {
        if (!set.Has(key))
        {
            throw new ParameterSetException($"{set.SourcePath}: required key '{key}' is missing (needed by a {set.Kind} set)");
        }
    }

    private static void NeedOne(PhysicsParameterSet set, string a, string b)
    {
        if (!set.Has(a) && !set.Has(b))
        {
            throw new ParameterSetException($"{set.SourcePath}: one of '{a}' or '{b}' is required (needed by a {set.Kind} set)");
        }
    }
}
