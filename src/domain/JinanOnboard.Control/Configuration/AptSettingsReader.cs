using System.Globalization;
using JinanOnboard.Physics.Parameters;

namespace JinanOnboard.Control.Configuration;

/// <summary>
/// Reads <see cref="AptSettings"/> from a physics set's <c>apt.*</c> keys. The set's loader has already checked every
/// key's range (ParameterSchema); this adds what one key cannot say alone: rates are whole hertz, a camera is at least
/// as fast as the loop it feeds, a lead-lag lies below Nyquist, a window is ordered. Errors are one line naming the key.
/// </summary>
public static class AptSettingsReader
{
    /// <exception cref="ParameterSetException">A missing key or an inconsistent value, naming the file and key.</exception>
    public static AptSettings Read(PhysicsParameterSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var r = new Reader(set);
        ArbitrationSettings arbitration = new(
            r.Number("apt.payload.arbitration_gate_urad"),
            r.Count("apt.payload.arbitration_invalid_frames"),
            r.Count("apt.payload.arbitration_valid_frames"),
            r.Window("apt.payload.capture_intensity_window").Min,
            r.Window("apt.payload.capture_intensity_window").Max);

        var payloadCoarse = new CoarseLoopSettings(
            r.Rate("apt.payload.attitude_loop_hz"),
            r.Number("apt.payload.attitude_kp_per_s2"),
            r.Number("apt.payload.attitude_ki_per_s3"),
            r.Number("apt.payload.attitude_kd_per_s"),
            r.Number("apt.payload.inertia_kg_m2"),
            r.Number("apt.payload.wheel_torque_limit_nm"),
            r.Number("apt.payload.wheel_momentum_limit_nms"),
            0,
            r.Number("apt.payload.disturbance_torque_nm"),
            r.Number("apt.payload.disturbance_corner_hz"),
            r.Number("apt.payload.prediction_error_urad"),
            r.Number("apt.payload.attitude_sensor_noise_urad"),
            r.Number("apt.payload.gyro_noise_urad_per_s"),
            r.Camera("apt.payload.capture_camera"));
        var ogsCoarse = new CoarseLoopSettings(
            r.Rate("apt.ogs.gimbal_loop_hz"),
            r.Number("apt.ogs.gimbal_kp_per_s2"),
            r.Number("apt.ogs.gimbal_ki_per_s3"),
            r.Number("apt.ogs.gimbal_kd_per_s"),
            r.Number("apt.ogs.gimbal_inertia_kg_m2"),
            r.Number("apt.ogs.gimbal_torque_limit_nm"),
            double.PositiveInfinity,
            r.Number("apt.ogs.gimbal_friction_per_s"),
            r.Number("apt.ogs.wind_torque_nm"),
            r.Number("apt.ogs.wind_corner_hz"),
            r.Number("apt.ogs.prediction_error_urad"),
            r.Number("apt.ogs.encoder_noise_urad"),
            r.Number("apt.ogs.encoder_rate_noise_urad_per_s"),
            r.Camera("apt.ogs.coarse_camera"));
        r.CameraAtLeastLoop("apt.payload.capture_camera_hz", payloadCoarse.Camera.RateHz, "apt.payload.attitude_loop_hz", payloadCoarse.RateHz);
        r.CameraAtLeastLoop("apt.ogs.coarse_camera_hz", ogsCoarse.Camera.RateHz, "apt.ogs.gimbal_loop_hz", ogsCoarse.RateHz);

        var settings = new AptSettings(
            new EndSettings(payloadCoarse, r.Fine("apt.payload"), r.Acquisition("apt.payload"), r.Number("apt.payload.beacon_divergence_half_angle_urad")),
            new EndSettings(ogsCoarse, r.Fine("apt.ogs"), r.Acquisition("apt.ogs"), r.Number("apt.ogs.beacon_divergence_half_angle_urad")),
            arbitration,
            new JitterSettings(
                r.Number("apt.payload.jitter_random_rms_urad"),
                r.Number("apt.payload.jitter_corner_hz"),
                r.Number("apt.payload.jitter_wheel_hz"),
                set.Array("apt.payload.jitter_harmonics_urad")),
            new TurbulenceSettings(
                r.Number("apt.ogs.fried_parameter_m"),
                r.Number("apt.ogs.turbulence_wind_speed_m_per_s"),
                r.Number("apt.ogs.turbulence_height_m"),
                r.Number("apt.ogs.beacon_wavelength_nm")),
            r.Number("transmitter.divergence_half_angle_urad"),
            r.Number("receiver.field_of_view_urad") / 2);
        return settings;
    }

    private sealed class Reader(PhysicsParameterSet set)
    {
        public double Number(string key) => set.Number(key);

        public int Rate(string key) => Whole(key, "Hz");

        public int Count(string key) => Whole(key, "frames");

        public (double Min, double Max) Window(string key)
        {
            IReadOnlyList<double> w = set.Array(key);
            return w.Count == 2 && w[0] < w[1]
                ? (w[0], w[1])
                : throw Error($"key '{key}' must be [min, max] with min < max");
        }

        public CameraSettings Camera(string prefix) => new(
            Rate(prefix + "_hz"),
            Number(prefix + "_fov_urad"),
            Number(prefix + "_nea_urad"),
            Count(prefix + "_latency_frames"),
            set.NumberOr(prefix + "_dropout_probability", 0),
            set.NumberOr(prefix + "_false_target_probability", 0));

        public FineLoopSettings Fine(string end)
        {
            int rate = Rate(end + ".fine_loop_hz");
            double zero = 0;
            double pole = 0;
            if (set.Has(end + ".fine_lead_lag_hz"))
            {
                IReadOnlyList<double> zp = set.Array(end + ".fine_lead_lag_hz");
                if (zp.Count != 2 || zp[0] >= rate / 2.0 || zp[1] >= rate / 2.0)
                {
                    throw Error(string.Create(CultureInfo.InvariantCulture, $"key '{end}.fine_lead_lag_hz' must be [zero_hz, pole_hz], both below Nyquist ({rate / 2.0} Hz of '{end}.fine_loop_hz')"));
                }

                (zero, pole) = (zp[0], zp[1]);
            }

            var camera = new CameraSettings(rate, Number(end + ".fine_camera_fov_urad"), Number(end + ".fine_camera_nea_urad"), Count(end + ".fine_camera_latency_frames"), 0, 0);
            var mirror = new MirrorSettings(Number(end + ".fsm_range_urad"), Number(end + ".fsm_resonance_hz"), Number(end + ".fsm_damping_ratio"), Number(end + ".fsm_slew_urad_per_s"));
            return new FineLoopSettings(rate, Number(end + ".fine_kp"), Number(end + ".fine_ki_per_s"), Number(end + ".fine_kd_s"), zero, pole, camera, mirror);
        }

        public AcquisitionSettings Acquisition(string end) => new(
            Number(end + ".coarse_lock_urad"),
            Number(end + ".fine_lock_urad"),
            Count("apt.acquisition.lock_frames"),
            Number("apt.acquisition.loss_of_lock_s"),
            Number("apt.acquisition.timeout_s"));

        public void CameraAtLeastLoop(string cameraKey, int cameraHz, string loopKey, int loopHz)
        {
            if (cameraHz < loopHz)
            {
                throw Error($"key '{cameraKey}' = {cameraHz} must be at least '{loopKey}' = {loopHz}: the loop needs a frame every cycle");
            }
        }

        private int Whole(string key, string unit)
        {
            double v = set.Number(key);
            return v == Math.Floor(v) && v >= 0 && v <= int.MaxValue
                ? (int)v
                : throw Error(string.Create(CultureInfo.InvariantCulture, $"key '{key}' = {v} must be a whole number of {unit}"));
        }

        private ParameterSetException Error(string message) => new($"{set.SourcePath}: {message}");
    }
}
