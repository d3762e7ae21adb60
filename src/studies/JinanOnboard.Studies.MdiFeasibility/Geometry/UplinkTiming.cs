namespace JinanOnboard.Studies.MdiFeasibility.Geometry;

/// <summary>
/// Doppler and arrival-time alignment of an MDI uplink pair (models.md §3): each uplink's relative frequency shift is
/// −v_r/c (first order, v_r the range rate), so at wavelength λ the shift is −v_r/λ in Hz; the two senders must offset
/// their emission times by ΔT = (L_A − L_B)/c so that their pulses meet at Charlie's beam splitter.
/// </summary>
public static class UplinkTiming
{
    /// <summary>Speed of light in vacuum, m/s (exact, SI).</summary>
    public const double SpeedOfLightMPerS = 299_792_458.0;

    /// <summary>Doppler shift of one uplink at the satellite, Hz (negative while the range grows).</summary>
    public static double DopplerShiftHz(double rangeRateKmPerS, double wavelengthM) => -rangeRateKmPerS * 1000.0 / wavelengthM;

    /// <summary>How much earlier Alice must send than Bob, seconds: (L_A − L_B)/c (negative: Bob sends first).</summary>
    public static double ArrivalOffsetS(double rangeAKm, double rangeBKm) => (rangeAKm - rangeBKm) * 1000.0 / SpeedOfLightMPerS;
}
