using JinanOnboard.Ground.Components.Detection;
using JinanOnboard.Ground.Components.Polarization;
using JinanOnboard.Control.Pointing;
using JinanOnboard.Devices.Waveplates;
using JinanOnboard.OpticalBench;
using JinanOnboard.Config.Model;
using JinanOnboard.OpticalBench.Pointing;
using JinanOnboard.OpticalBench.Polarization;
using JinanOnboard.Polarization.Calibration;
using JinanOnboard.Polarization.Compensation;
using JinanOnboard.Polarization.Jones;
using JinanOnboard.Runtime.Distillation;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Messages;
using JinanOnboard.Runtime.Plan;

namespace JinanOnboard.Ground;

/// <summary>
/// The ground topology with the simulated optical bench added as its hardware (NOS3's simulated hardware
/// beside the flight software): the bench's simulated time tagger sits on the far end of the cable, so the
/// ground's real driver runs byte for byte; the OGS half-wave plate is a simulated ELL14 behind its real driver.
/// <see cref="GroundTopology"/> itself contains no simulation.
/// </summary>
public sealed class BenchGroundTopology : IFirmwareTopology, IAsyncDisposable
{
    private readonly GroundTopology _ground = new(plan => new Bench(plan));

    public void Wire(FirmwareContext context) => _ground.Wire(context);

    public Task<double> RunAsync(CancellationToken cancellationToken) => _ground.RunAsync(cancellationToken);

    public IReadOnlyDictionary<string, object> Details() => _ground.Details();

    public PassShortfall? Shortfall() => _ground.Shortfall();

    public ValueTask DisposeAsync() => _ground.DisposeAsync();

    /// <summary>The bench of the plan's pass as the ground's hardware.</summary>
    private sealed class Bench : IGroundHardware
    {
        private readonly SimulatedOpticalBench _bench;
        private readonly PassPointing? _pointing;
        private readonly OgsPolarizationBench? _compensated;
        private readonly OpticalPathReceiver? _platesPath;
        private readonly IPolarizationChannel? _polarization;

        public Bench(RunPlan plan)
        {
            BenchSettings settings = plan.Configuration.Bench;
            _compensated = OgsPolarizationBench.Create(plan.Timeline, plan.Physics, plan.Seed, settings, plan.Realtime, plan.OpticalPath, DevicesProfileResolver.OgsHalfWave(plan.DevicesProfile));
            _pointing = PassPointing.Create(plan.Timeline, plan.Physics, plan.Seed, plan.Configuration.Link.Downlink.Outages, settings, plan.OpticalPath, _compensated?.Plates, DevicesProfileResolver.FineMirror(plan.DevicesProfile, FirmwareRole.Ground));
            if (_compensated is not null && _pointing is null && plan.OpticalPath is { } platesOnly)
            {
                _platesPath = new OpticalPathReceiver(platesOnly, null, _compensated.Plates); // no loops: the path carries the plates alone
            }

            // Without the optical path (the firmware started on its own) the plates cannot reach the light: the bench calibrates itself.
            _polarization = (IPolarizationChannel?)_compensated
                ?? (settings.Polarization == BenchSettings.PolarizationFixed ? null : PassPolarization.Create(plan.Timeline, plan.Physics, plan.Seed, settings.Polarization));
            Polarization = _compensated is null ? null : new OgsPolarizationOnBench(_compensated);
            _bench = SimulatedOpticalBench.ForPass(plan.Timeline, plan.Physics, plan.Source, DistillationSetup.RandomStore(plan), plan.Seed, plan.DurationS, plan.Configuration.Link.Downlink.Outages, _pointing, _polarization);
            TimeTagger = new TimeTaggerCable(_bench.HostStream, () => _bench.Exhausted);
        }

        public TimeTaggerCable TimeTagger { get; }

        public IPointingHardware? Pointing => _pointing?.Ogs.Hardware;

        public IOgsPolarizationHardware? Polarization { get; }

        public void OnPointingEnded() => _pointing?.CompleteOgs();

        public void PowerOn() => _bench.Start();

        public void AddDetails(IDictionary<string, object> details)
        {
            details["channel_simulation"] = _bench.Simulator.Statistics;
            if (_pointing is not null)
            {
                details["pointing_coupling"] = _pointing.Details();
            }

            if (_polarization is not null)
            {
                details["polarization"] = _polarization.Details();
            }
        }

        public async ValueTask DisposeAsync()
        {
            // The traces first: a simulation thread waiting on one is released (a payload that never finished is lost).
            if (_compensated is not null)
            {
                await _compensated.DisposeAsync();
            }

            if (_pointing is not null)
            {
                await _pointing.DisposeAsync();
            }

            if (_platesPath is not null)
            {
                await _platesPath.DisposeAsync();
            }

            await _bench.DisposeAsync();
        }
    }

    /// <summary>The OGS half-wave plate and the decoder's reference counts on the bench.</summary>
    private sealed class OgsPolarizationOnBench(OgsPolarizationBench bench) : IOgsPolarizationHardware
    {
        public IWaveplateRotator HalfWave => bench.HalfWave;

        public ValueTask<DecoderCounts?> CountReferenceAsync(int request, Bb84State state, double dwellS, CancellationToken cancellationToken) =>
            bench.CountReferenceAsync(request, state, dwellS, cancellationToken);

        public void OnHalfWaveSet(int passSecond) => bench.OnHalfWaveSet(passSecond);

        public void OnFollowingEnded() => bench.OnFollowingEnded();

        public void OnCalibrationReported(CalibrationResult result) => bench.OnCalibrationReported(new ReportedCalibration(
            result.Succeeded, result.Reason, result.Iterations, result.Rounds,
            new CompensatorAngles(result.FirstQuarterWaveDeg, result.HalfWaveDeg, result.SecondQuarterWaveDeg), result.ContrastZDb, result.ContrastXDb));
    }
}
