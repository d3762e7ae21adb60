using JinanOnboard.Control.Pointing;
using JinanOnboard.OpticalBench.Pointing;
using JinanOnboard.Payload.Components.Pointing;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Plan;

namespace JinanOnboard.Payload;

/// <summary>
/// The payload topology with the simulated bench's payload half as its hardware (NOS3's simulated hardware beside the
/// flight software): the attitude plant, the cameras and the fast steering mirror behind its real driver, and the
/// optical path that carries the beam's pointing to the OGS half. <see cref="PayloadTopology"/> itself contains no simulation.
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
    private sealed class Bench(RunPlan plan) : IPayloadHardware
    {
        private readonly PayloadPointingBench? _pointing = PayloadPointingBench.Create(plan.Timeline, plan.Physics, plan.Seed, plan.Configuration.Link.Downlink.Outages, plan.Configuration.Bench, plan.OpticalPath, DevicesProfileResolver.FineMirror(plan.DevicesProfile, FirmwareRole.Payload));

        public IPointingHardware? Pointing => _pointing?.Hardware;

        public void OnPassTime(TimeSpan passTime) => _pointing?.OnPassTime();

        public void OnPassEnded() => _pointing?.Complete();

        public void AddDetails(IDictionary<string, object> details)
        {
            if (_pointing is not null)
            {
                details["pointing_bench"] = _pointing.Details();
            }
        }

        public ValueTask DisposeAsync() => _pointing?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
