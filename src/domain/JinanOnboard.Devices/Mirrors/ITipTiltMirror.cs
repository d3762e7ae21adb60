namespace JinanOnboard.Devices.Mirrors;

/// <summary>
/// A two-axis tip/tilt mirror as the pointing loops see it, whatever drives it (an analog mirror behind a DAC and an
/// ADC, a PI E-727 over GCS, or a simulator on the same bus). Angles are the mirror's mechanical tilt about its two axes,
/// in microradians, in the mirror's own frame; the loops own the optical scaling (beam deflection is twice the
/// mechanical tilt) and the frame rotation. The loops call this at their own rate, so implementations keep a command
/// allocation-free and return synchronously completed tasks where the bus allows.
/// </summary>
public interface ITipTiltMirror
{
    /// <summary>What the device is (vendor, model, serial or address), for logs and reports.</summary>
    string Identity { get; }

    /// <summary>Commandable mechanical range per axis, microradians; commands outside it are refused before they are sent.</summary>
    TipTiltRange RangeMicroradians { get; }

    /// <summary>Commands both axes (mechanical tilt, microradians).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A command outside <see cref="RangeMicroradians"/>: nothing is sent.</exception>
    ValueTask MoveAsync(double xMicroradians, double yMicroradians, CancellationToken cancellationToken = default);

    /// <summary>The measured position (sensor read-back), microradians.</summary>
    ValueTask<TipTiltPosition> ReadPositionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// After a failure: brings the device back into use if it answers again (a driver that latches its faults clears
    /// them here); throws when it still does not. Mirrors without a fault state have nothing to do.
    /// </summary>
    ValueTask RecoverAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}

/// <summary>A measured or commanded tip/tilt, microradians of mechanical tilt.</summary>
public readonly record struct TipTiltPosition(double XMicroradians, double YMicroradians);

/// <summary>The closed interval each axis accepts, microradians of mechanical tilt.</summary>
public readonly record struct TipTiltRange(double MinXMicroradians, double MaxXMicroradians, double MinYMicroradians, double MaxYMicroradians)
{
    /// <summary>A range symmetric about zero on both axes.</summary>
    public static TipTiltRange Symmetric(double halfRangeMicroradians) => new(-halfRangeMicroradians, halfRangeMicroradians, -halfRangeMicroradians, halfRangeMicroradians);

    /// <summary>True when both axes of the command lie in the range (NaN never does).</summary>
    public bool Contains(double xMicroradians, double yMicroradians)
        => xMicroradians >= MinXMicroradians && xMicroradians <= MaxXMicroradians && yMicroradians >= MinYMicroradians && yMicroradians <= MaxYMicroradians;
}
