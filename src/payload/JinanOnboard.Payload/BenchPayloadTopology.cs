using JinanOnboard.Control.Pointing;
using JinanOnboard.Devices.Waveplates;
using JinanOnboard.OpticalBench.Pointing;
using JinanOnboard.OpticalBench.Polarization;
using JinanOnboard.Payload.Components.Pointing;
using JinanOnboard.Payload.Components.Polarization;
using JinanOnboard.Polarization.Jones;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Plan;

namespace JinanOnboard.Payload;

/// <summary>
/// The payload topology with the simulated bench's payload half as its hardware (NOS3's simulated hardware beside the
/// flight software): the attitude plant, the cameras and the fast steering mirror behind its real driver, the
/// compensator's ELL14 mounts behind theirs, and the optical path that carries the beam's pointing and the plates to
/// the OGS half. <see cref="PayloadTopology"/> itself contains no simulation.
/// </summary>
public sealed class BenchPayloadTopology : IFirmwareTopology, IAsyncDisposable
{
    private readonly PayloadTopology _payload = new(plan => new Bench(plan));

    public void Wire(FirmwareContext context) => _payload.Wire(context);

    public Task<double> RunAsync(CancellationToken cancellationToken) => _payload.RunAsync(cancellationToken);

    public IReadOnlyDictionary<string, object> Details() => _payload.Details();

    public PassShortfall? Shortfall() => _payload.Shortfall();

    public ValueTask DisposeAsync() => _payload.DisposeAsync();

    /// <summary>The bench's payload half for the plan's pass.</summary>
    private sealed class Bench : IPayloadHardware
    {
        private readonly PayloadPointingBench? _pointing;
        private readonly PayloadPolarizationBench? _polarization;

        public Bench(RunPlan plan)
        {
            _pointing = PayloadPointingBench.Create(plan.Timeline, plan.Physics, plan.Seed, plan.Configuration.Link.Downlink.Outages, plan.Configuration.Bench, plan.OpticalPath, DevicesProfileResolver.FineMirror(plan.DevicesProfile, FirmwareRole.Payload));
            _polarization = PayloadPolarizationBench.Create(plan.Configuration.Bench, plan.Realtime, _pointing?.Path, plan.OpticalPath, DevicesProfileResolver.Plates(plan.DevicesProfile, FirmwareRole.Payload));
            Compensator = _polarization is null ? null : new CompensatorOnBench(_polarization);
        }

        public IPointingHardware? Pointing => _pointing?.Hardware;

        public ICompensatorHardware? Compensator { get; }

        public void OnPassTime(TimeSpan passTime) => _pointing?.OnPassTime();

        public void OnPassEnded()
        {
            _pointing?.Complete();
            _polarization?.Complete();
        }

        public void AddDetails(IDictionary<string, object> details)
        {
            if (_pointing is not null)
            {
                details["pointing_bench"] = _pointing.Details();
            }

            if (_polarization is not null)
            {
                details["polarization_bench"] = _polarization.Details();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_polarization is not null)
            {
                await _polarization.DisposeAsync();
            }

            if (_pointing is not null)
            {
                await _pointing.DisposeAsync();
            }
        }
    }

    /// <summary>The compensator's mounts and the source's reference mode on the bench.</summary>
    private sealed class CompensatorOnBench(PayloadPolarizationBench bench) : ICompensatorHardware
    {
        public IWaveplateRotator FirstQuarterWave => bench.FirstQuarterWave;

        public IWaveplateRotator HalfWave => bench.HalfWave;

        public IWaveplateRotator SecondQuarterWave => bench.SecondQuarterWave;

        public ValueTask EmitReferenceAsync(int request, Bb84State state, CancellationToken cancellationToken)
        {
            bench.EmitReference(request, state);
            return ValueTask.CompletedTask;
        }

        public ValueTask EmitKeysAsync(CancellationToken cancellationToken)
        {
            bench.EmitKeys();
            return ValueTask.CompletedTask;
        }
    }
}
