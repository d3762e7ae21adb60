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

        // Pointing, acquisition and tracking (system.md §APT; read by JinanOnboard.Control's AptSettingsReader).
        .. Fine("apt.payload"),
        .. Fine("apt.ogs"),
        .. Camera("apt.payload.capture_camera"),
        .. Camera("apt.ogs.coarse_camera"),
        Num("apt.payload.attitude_loop_hz", 1, 1000, "Hz"),
        Num("apt.payload.attitude_kp_per_s2", 0, 1e4, "1/s²"),
        Num("apt.payload.attitude_ki_per_s3", 0, 1e5, "1/s³"),
        Num("apt.payload.attitude_kd_per_s", 0, 1e3, "1/s"),
        Num("apt.payload.inertia_kg_m2", 0.01, 1e5, "kg m²"),
        Num("apt.payload.wheel_torque_limit_nm", 1e-5, 10, "N m"),
        Num("apt.payload.wheel_momentum_limit_nms", 1e-4, 100, "N m s"),
        Num("apt.payload.disturbance_torque_nm", 0, 1, "N m RMS"),
        Num("apt.payload.disturbance_corner_hz", 0.001, 100, "Hz"),
        Num("apt.payload.prediction_error_urad", 0, 10000, "µrad RMS per axis"),
        Num("apt.payload.attitude_sensor_noise_urad", 0, 10000, "µrad RMS per axis"),
        Num("apt.payload.gyro_noise_urad_per_s", 0, 10000, "µrad/s RMS per axis"),
        Num("apt.payload.arbitration_gate_urad", 1, 100000, "µrad"),
        Num("apt.payload.arbitration_invalid_frames", 1, 1000, "frames"),
        Num("apt.payload.arbitration_valid_frames", 1, 1000, "frames"),
        Arr("apt.payload.capture_intensity_window", 0, 1e9, "relative intensity [min, max]"),
        Num("apt.payload.jitter_random_rms_urad", 0, 1000, "µrad RMS per axis"),
        Num("apt.payload.jitter_corner_hz", 0.001, 1000, "Hz"),
        Num("apt.payload.jitter_wheel_hz", 0.1, 1000, "Hz"),
        Arr("apt.payload.jitter_harmonics_urad", 0, 1000, "µrad amplitude per harmonic"),
        Num("apt.payload.beacon_divergence_half_angle_urad", 1, 100000, "µrad"),
        Num("apt.ogs.gimbal_loop_hz", 1, 1000, "Hz"),
        Num("apt.ogs.gimbal_kp_per_s2", 0, 1e5, "1/s²"),
        Num("apt.ogs.gimbal_ki_per_s3", 0, 1e6, "1/s³"),
        Num("apt.ogs.gimbal_kd_per_s", 0, 1e3, "1/s"),
        Num("apt.ogs.gimbal_inertia_kg_m2", 0.001, 1e4, "kg m²"),
        Num("apt.ogs.gimbal_torque_limit_nm", 1e-3, 1e4, "N m"),
        Num("apt.ogs.gimbal_friction_per_s", 0, 1e3, "1/s"),
        Num("apt.ogs.wind_torque_nm", 0, 100, "N m RMS"),
        Num("apt.ogs.wind_corner_hz", 0.001, 100, "Hz"),
        Num("apt.ogs.prediction_error_urad", 0, 10000, "µrad RMS per axis"),
        Num("apt.ogs.encoder_noise_urad", 0, 10000, "µrad RMS per axis"),
        Num("apt.ogs.encoder_rate_noise_urad_per_s", 0, 10000, "µrad/s RMS per axis"),
        Num("apt.ogs.beacon_divergence_half_angle_urad", 1, 100000, "µrad"),
        Num("apt.ogs.fried_parameter_m", 0.005, 2, "m at 500 nm toward zenith"),
        Num("apt.ogs.turbulence_wind_speed_m_per_s", 0, 100, "m/s"),
        Num("apt.ogs.turbulence_height_m", 0, 30000, "m"),
        Num("apt.ogs.beacon_wavelength_nm", 200, 2500, "nm"),
        Num("apt.acquisition.lock_frames", 1, 1000, "frames"),
        Num("apt.acquisition.loss_of_lock_s", 0.01, 600, "s"),
        Num("apt.acquisition.timeout_s", 1, 3600, "s"),
    ];

    private static ParameterSpec[] Fine(string end) =>
    [
        Num(end + ".fine_loop_hz", 50, 20000, "Hz"),
        Num(end + ".fine_kp", 0, 10, "µrad/µrad"),
        Num(end + ".fine_ki_per_s", 0, 1e5, "1/s"),
        Num(end + ".fine_kd_s", 0, 0.01, "s"),
        Arr(end + ".fine_lead_lag_hz", 0.01, 10000, "Hz [zero, pole]"),
        Num(end + ".fine_camera_fov_urad", 1, 100000, "µrad full angle"),
        Num(end + ".fine_camera_nea_urad", 0, 1000, "µrad RMS per axis"),
        Num(end + ".fine_camera_latency_frames", 0, 100, "frames"),
        Num(end + ".fsm_range_urad", 1, 100000, "µrad mechanical, each side of zero"),
        Num(end + ".fsm_resonance_hz", 10, 100000, "Hz"),
        Num(end + ".fsm_damping_ratio", 0.01, 2, ""),
        Num(end + ".fsm_slew_urad_per_s", 1, 1e9, "µrad/s"),
        Num(end + ".coarse_lock_urad", 1, 100000, "µrad"),
        Num(end + ".fine_lock_urad", 0.1, 10000, "µrad"),
    ];

    private static ParameterSpec[] Camera(string prefix) =>
    [
        Num(prefix + "_hz", 1, 10000, "Hz"),
        Num(prefix + "_fov_urad", 10, 1e6, "µrad full angle"),
        Num(prefix + "_nea_urad", 0, 10000, "µrad RMS per axis"),
        Num(prefix + "_latency_frames", 0, 100, "frames"),
        Num(prefix + "_dropout_probability", 0, 1, "per frame"),
        Num(prefix + "_false_target_probability", 0, 1, "per frame under cloud"),
    ];

    private static readonly Dictionary<string, ParameterSpec> ByKey = All.ToDictionary(s => s.Key, StringComparer.Ordinal);

    public static ParameterSpec? Find(string key) => ByKey.GetValueOrDefault(key);

    private static ParameterSpec Num(string key, double min, double max, string unit) => new(key, ParameterKind.Number, min, max, unit);

    private static ParameterSpec Arr(string key, double min, double max, string unit) => new(key, ParameterKind.NumberArray, min, max, unit);

    private static ParameterSpec Text(string key) => new(key, ParameterKind.Text, 0, 0, "");

    private static ParameterSpec Word(string key, params string[] words) => new(key, ParameterKind.Text, 0, 0, "", words);
}
