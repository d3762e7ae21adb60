namespace JinanOnboard.Physics.Parameters;

/// <summary>What a key holds.</summary>
internal enum ParameterKind
{
    Number,
    NumberArray,
    Text,
}

/// <summary>One known key of a parameter set, with its allowed range (inclusive) or allowed words.</summary>
internal sealed record ParameterSpec(string Key, ParameterKind Kind, double Min, double Max, string Unit, string[]? Words = null);

/// <summary>
/// Every key a physics parameter set may hold (parameters.md), with its range. Keys are flattened
/// "section.key" paths of the JSON file; a key not listed here is rejected so a typo cannot pass silently.
/// </summary>
internal static class ParameterSchema
{
    public static IReadOnlyList<ParameterSpec> All { get; } =
    [
        Text("name"),
        Text("description"),
        Word("link.kind", "downlink", "uplink", "inter-satellite"),

        Num("orbit.altitude_km", 150, 2000, "km"),
        Num("orbit.inclination_deg", 0, 180, "deg"),
        Num("orbit.night_pass_local_hour", 0, 24, "h"),
        Num("orbit.min_elevation_deg", 0, 89, "deg"),
        Num("orbit.max_sun_elevation_deg", -90, 90, "deg"),
        Num("orbit.earth_radius_km", 6300, 6400, "km"),
        Num("orbit.observation_period_h", 0, 10000, "h"),

        Num("source.wavelength_nm", 200, 2500, "nm"),
        Num("source.repetition_rate_hz", 1, 1e11, "Hz"),
        Arr("source.intensities", 0, 10, "photons/pulse"),
        Arr("source.intensity_probabilities", 0, 1, ""),
        Arr("source.basis_probabilities", 0, 1, ""),
        Num("source.extinction_ratio_db", 0, 80, "dB"),
        Num("source.polarization_contrast_db", 0, 80, "dB"),

        Num("transmitter.aperture_m", 0.001, 20, "m"),
        Num("transmitter.radius_m", 0.001, 10, "m"),
        Num("transmitter.beam_waist_m", 0.001, 10, "m"),
        Num("transmitter.divergence_half_angle_urad", 0.1, 10000, "µrad"),
        Num("transmitter.divergence_as_quoted_urad", 0.1, 10000, "µrad"),
        Arr("transmitter.fine_tracking_error_rms_urad", 0, 1000, "µrad"),
        Arr("transmitter.attitude_error_urad", 0, 100000, "µrad"),
        Num("transmitter.attitude_loop_hz", 0.1, 10000, "Hz"),

        Num("receiver.aperture_m", 0.001, 20, "m"),
        Num("receiver.radius_m", 0.001, 10, "m"),
        Num("receiver.optical_efficiency", 0, 1, ""),
        Arr("receiver.fine_tracking_error_rms_urad", 0, 1000, "µrad"),
        Num("receiver.detector_count", 1, 64, ""),
        Num("receiver.detector_efficiency", 0, 1, ""),
        Num("receiver.dark_count_per_s", 0, 1e7, "1/s per detector"),
        Num("receiver.jitter_ps_fwhm", 0, 100000, "ps"),
        Num("receiver.gate_ps", 1, 100000, "ps"),
        Num("receiver.gate_signal_fraction", 0, 1, ""),
        Num("receiver.gate_background_db", -60, 0, "dB"),
        Num("receiver.field_of_view_urad", 1, 100000, "µrad full angle"),
        Num("receiver.filter_bandwidth_nm", 0.01, 1000, "nm"),

        Num("link.extinction_coefficient", 0, 10, "per airmass (nepers)"),
        Num("link.atmospheric_zenith_loss_db", 0, 60, "dB"),
        Num("link.cloud_index", 0, 150, "0 clear .. 150 overcast"),
        Num("link.pointing_loss_db", 0, 60, "dB"),
        Num("link.pointing_error_urad", 0, 10000, "µrad"),
        Num("link.pointing_jitter_rms_urad", 0, 10000, "µrad per axis"),
        Num("link.coupling_loss_db", 0, 60, "dB"),
        Num("link.detection_loss_db", 0, 60, "dB"),
        Num("link.optical_loss_db", 0, 60, "dB"),
        Num("link.antenna_loss_db", 0, 60, "dB"),
        Num("link.ground_cn2_m_minus_2_3", 1e-20, 1e-10, "m^-2/3"),
        Num("link.wind_speed_m_per_s", 0, 200, "m/s"),
        Num("link.turbulence_ceiling_km", 1, 100, "km"),
        Num("link.max_tolerable_loss_db", 0, 100, "dB"),

        Num("ground_station.beam_waist_m", 0.001, 10, "m"),
        Num("ground_station.transmitter_aperture_m", 0.001, 20, "m"),

        Num("protocol.dark_count_error_probability", 0, 0.5, ""),
        Num("protocol.misalignment_error", 0, 0.5, ""),
        Num("protocol.error_correction_inefficiency", 1, 5, ""),
        Num("protocol.background_yield", 0, 0.01, "per pulse"),
        Num("protocol.qber_sampling_fraction", 0, 1, ""),
        Num("protocol.sifted_packet_bits", 1000, 1e8, "bit"),
        Arr("protocol.pa_block_bits", 1000, 1e8, "bit"),
        Num("protocol.pa_block_default_bits", 1000, 1e8, "bit"),
        Num("protocol.failure_probability", 1e-40, 1e-2, ""),
        Num("protocol.schedule_step_s", 0.1, 3600, "s"),
        Arr("protocol.polarization_qber", 0, 0.5, ""),

        Num("classical.downlink_wavelength_nm", 200, 2500, "nm"),
        Num("classical.uplink_wavelength_nm", 200, 2500, "nm"),
        Num("classical.rate_bit_per_s", 1, 1e12, "bit/s"),
        Num("classical.downlink_power_mw", 0, 100000, "mW"),
        Num("classical.uplink_sensitivity_dbm", -100, 30, "dBm"),
        Num("sync.rate_hz", 1, 1e9, "Hz"),
        Num("sync.precision_ps_fwhm", 0, 100000, "ps"),

        Num("polarization.fibre_drift_rad_per_k", 0, 10, "rad/K"),
        Num("polarization.fibre_temperature_change_k", -50, 50, "K"),
        Num("polarization.calibration_detections_per_state", 100, 1e9, "detections"),
        Num("polarization.calibration_step_s", 0.001, 60, "s"),
        Num("polarization.calibration_max_iterations", 1, 50, ""),
        Num("polarization.calibration_min_improvement_db", 0, 10, "dB"),
        Num("polarization.target_contrast_db", 10, 50, "dB"),
        Num("polarization.waveplate_resolution_deg", 0, 1, "deg"),
        Num("polarization.waveplate_backlash_deg", 0, 1, "deg"),
        Num("polarization.ogs_hwp_offset_deg", -90, 90, "deg"),

        Num("background.night_sky_radiance_w_m2_sr_nm", 0, 1e-3, "W m^-2 sr^-1 nm^-1"),
        Num("background.urban_radiance_w_m2_sr_nm", 0, 1e-3, "W m^-2 sr^-1 nm^-1"),
        Num("background.full_moon_sky_radiance_w_m2_sr_nm", 0, 1e-3, "W m^-2 sr^-1 nm^-1"),
        Num("background.moon_near_angle_deg", 0, 90, "deg"),
        Num("background.moon_near_factor", 1, 1e6, ""),
    ];

    private static readonly Dictionary<string, ParameterSpec> ByKey = All.ToDictionary(s => s.Key, StringComparer.Ordinal);

    public static ParameterSpec? Find(string key) => ByKey.GetValueOrDefault(key);

    private static ParameterSpec Num(string key, double min, double max, string unit) => new(key, ParameterKind.Number, min, max, unit);

    private static ParameterSpec Arr(string key, double min, double max, string unit) => new(key, ParameterKind.NumberArray, min, max, unit);

    private static ParameterSpec Text(string key) => new(key, ParameterKind.Text, 0, 0, "");

    private static ParameterSpec Word(string key, params string[] words) => new(key, ParameterKind.Text, 0, 0, "", words);
}
