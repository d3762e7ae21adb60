namespace JinanOnboard.Devices.Waveplates;

/// <summary>
/// A motorised rotation mount holding one waveplate (the payload's QWP–HWP–QWP compensator, the OGS's HWP), as the
/// polarization compensation sees it. Angles are of the mount in degrees, [0, 360), measured from its home position;
/// the compensation owns the offset between home and the waveplate's fast axis.
/// </summary>
public interface IWaveplateRotator
{
    /// <summary>What the device is (vendor, model, serial, bus address), for logs and reports.</summary>
    string Identity { get; }

    /// <summary>Finds the home position (angle 0).</summary>
    ValueTask HomeAsync(CancellationToken cancellationToken = default);

    /// <summary>Moves to an absolute angle, degrees, and returns the angle the device reports when it has stopped.</summary>
    ValueTask<double> MoveToAsync(double angleDegrees, CancellationToken cancellationToken = default);

    /// <summary>The angle the device reports now, degrees.</summary>
    ValueTask<double> GetAngleAsync(CancellationToken cancellationToken = default);
}
