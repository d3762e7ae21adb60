using JinanOnboard.Devices.Waveplates;
using JinanOnboard.Devices.Waveplates.Elliptec;

namespace JinanOnboard.OpticalBench.Polarization;

/// <summary>
/// An ELL14 the driver probes when the firmware first uses it, not while the topology is wired (wiring must not wait on
/// a device: the link's handshake waits for it).
/// </summary>
internal sealed class ProbedEll14(ElliptecBus bus, int address) : IWaveplateRotator
{
    private readonly Lazy<Task<Ell14Rotator>> _rotator = new(() => Ell14Rotator.OpenAsync(bus, address).AsTask());

    public string Identity => _rotator.IsValueCreated && _rotator.Value.IsCompletedSuccessfully
        ? _rotator.Value.Result.Identity
        : $"ELL14 at address {address:X1} (not probed)";

    public async ValueTask HomeAsync(CancellationToken cancellationToken = default) =>
        await (await _rotator.Value.WaitAsync(cancellationToken)).HomeAsync(cancellationToken);

    public async ValueTask<double> MoveToAsync(double angleDegrees, CancellationToken cancellationToken = default) =>
        await (await _rotator.Value.WaitAsync(cancellationToken)).MoveToAsync(angleDegrees, cancellationToken);

    public async ValueTask<double> GetAngleAsync(CancellationToken cancellationToken = default) =>
        await (await _rotator.Value.WaitAsync(cancellationToken)).GetAngleAsync(cancellationToken);
}
