using System.Globalization;
using JinanOnboard.Devices.Waveplates;

namespace JinanOnboard.PolarizationBench;

/// <summary>
/// A motorised rotation mount of the bench behind the drivers' <see cref="IWaveplateRotator"/> seam, so the compensation
/// code drives it exactly as a real mount. The motor moves in steps of the resolution; the plate follows with backlash
/// (a dead band: after a move in +, the plate sits half the backlash behind the motor, after a move in −, half ahead).
/// The mount reports its encoder, i.e. the motor angle: the backlash is invisible to the software, as on the real device.
/// Resolution and backlash are <c>assumed</c> (physics set, polarization section).
/// </summary>
public sealed class SimulatedWaveplateMount : IWaveplateRotator
{
    private readonly double _resolutionDegrees;
    private readonly double _backlashDegrees;
    private double _motorDegrees;
    private int _lastDirection;

    /// <param name="name">Which plate (for logs).</param>
    /// <param name="resolutionDegrees">Motor step; 0 for continuous.</param>
    /// <param name="backlashDegrees">Dead band on a reversal.</param>
    public SimulatedWaveplateMount(string name, double resolutionDegrees, double backlashDegrees)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(resolutionDegrees);
        ArgumentOutOfRangeException.ThrowIfNegative(backlashDegrees);
        Identity = $"simulated rotation mount '{name}' (resolution {resolutionDegrees.ToString(CultureInfo.InvariantCulture)}°, backlash {backlashDegrees.ToString(CultureInfo.InvariantCulture)}°)";
        _resolutionDegrees = resolutionDegrees;
        _backlashDegrees = backlashDegrees;
    }

    /// <inheritdoc/>
    public string Identity { get; }

    /// <summary>Where the plate's fast axis really is, degrees (the bench's truth, not visible through the interface).</summary>
    public double PlateDegrees => _motorDegrees - (_lastDirection * _backlashDegrees / 2);

    /// <inheritdoc/>
    public ValueTask HomeAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Homing approaches 0 from below, as a homing routine does, so the plate ends up trailing in the + direction.
        _motorDegrees = 0;
        _lastDirection = 1;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<double> MoveToAsync(double angleDegrees, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!double.IsFinite(angleDegrees))
        {
            throw new ArgumentOutOfRangeException(nameof(angleDegrees), angleDegrees, "angle must be finite");
        }

        double wanted = angleDegrees % 360.0;
        if (wanted < 0)
        {
            wanted += 360.0;
        }

        double target = _resolutionDegrees > 0 ? Math.Round(wanted / _resolutionDegrees) * _resolutionDegrees % 360.0 : wanted;
        // The shorter way round, as the mount's controller moves.
        double step = Math.IEEERemainder(target - _motorDegrees, 360.0);
        if (step != 0)
        {
            _lastDirection = Math.Sign(step);
        }

        _motorDegrees = target;
        return ValueTask.FromResult(_motorDegrees);
    }

    /// <inheritdoc/>
    public ValueTask<double> GetAngleAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_motorDegrees);
    }
}
