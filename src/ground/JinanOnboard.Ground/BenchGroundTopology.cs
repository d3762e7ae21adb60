using JinanOnboard.Ground.Components.Detection;
using JinanOnboard.Control.Pointing;
using JinanOnboard.OpticalBench;
using JinanOnboard.Config.Model;
using JinanOnboard.OpticalBench.Pointing;
using JinanOnboard.OpticalBench.Polarization;
using JinanOnboard.Runtime.Distillation;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Plan;

namespace JinanOnboard.Ground;

/// <summary>
/// The ground topology with the simulated optical bench added as its hardware (NOS3's simulated hardware
/// beside the flight software): the bench's simulated time tagger sits on the far end of the cable, so the
/// ground's real driver runs byte for byte. <see cref="GroundTopology"/> itself contains no simulation.
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
        private readonly PassPolarization? _polarization;

        public Bench(RunPlan plan)
        {
            _pointing = PassPointing.Create(plan.Timeline, plan.Physics, plan.Seed, plan.Configuration.Link.Downlink.Outages, plan.Configuration.Bench, plan.OpticalPath, DevicesProfileResolver.FineMirror(plan.DevicesProfile, FirmwareRole.Ground));
            _polarization = plan.Configuration.Bench.Polarization == BenchSettings.PolarizationFixed ? null : PassPolarization.Create(plan.Timeline, plan.Physics, plan.Seed, plan.Configuration.Bench.Polarization);
            _bench = SimulatedOpticalBench.ForPass(plan.Timeline, plan.Physics, plan.Source, DistillationSetup.RandomStore(plan), plan.Seed, plan.DurationS, plan.Configuration.Link.Downlink.Outages, _pointing, _polarization);
            TimeTagger = new TimeTaggerCable(_bench.HostStream, () => _bench.Exhausted);
        }

        public TimeTaggerCable TimeTagger { get; }

        public IPointingHardware? Pointing => _pointing?.Ogs.Hardware;

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
            if (_pointing is not null)
            {
                await _pointing.DisposeAsync();
            }

            await _bench.DisposeAsync();
        }
    }
}
