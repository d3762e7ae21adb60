using System.Runtime.CompilerServices;

namespace JinanOnboard.Devices.Mirrors.PiE727;

/// <summary>
/// A PI S-330 piezo tip/tilt platform on an E-727 controller, as the pointing loops see it (<see cref="ITipTiltMirror"/>).
/// The controller's GCS axes are in its position unit (<c>PUN?</c>; milliradians for an S-330), the loops' in microradians;
/// the conversion is here and only here. The commandable range is the controller's own travel limits (<c>TMN?</c>,
/// <c>TMX?</c>) read at connect, so a command outside them is refused before anything is sent.
/// </summary>
public sealed class PiE727Mirror : ITipTiltMirror
{
    private readonly PiE727Controller controller;
    private readonly string[] axes;
    private readonly double microradiansPerUnit;
    private readonly GcsAxisValue[] targets = new GcsAxisValue[2];
    private readonly double[] positions = new double[2];
    private readonly TimeProvider timeProvider;

    private PiE727Mirror(PiE727Controller controller, PiE727MirrorOptions options, string identity, TipTiltRange range, double microradiansPerUnit, TimeProvider timeProvider)
    {
        this.controller = controller;
        axes = [options.XAxis, options.YAxis];
        this.microradiansPerUnit = microradiansPerUnit;
        this.timeProvider = timeProvider;
        Identity = identity;
        RangeMicroradians = range;
    }

    /// <inheritdoc/>
    public string Identity { get; }

    /// <inheritdoc/>
    public TipTiltRange RangeMicroradians { get; }

    /// <summary>The controller this mirror commands (for ERR?, fault state and recovery).</summary>
    public PiE727Controller Controller => controller;

    /// <summary>
    /// Identifies the controller (<c>*IDN?</c> must name an E-727), reads the axes' unit (<c>PUN?</c>) and travel
    /// limits (<c>TMN?</c>, <c>TMX?</c>), and switches both axes to closed loop (<c>SVO</c>, checked with <c>SVO?</c>).
    /// </summary>
    /// <exception cref="PiE727Exception">The device is not an E-727, uses a unit this binding cannot convert, or refused servo-on.</exception>
    public static async Task<PiE727Mirror> ConnectAsync(PiE727Controller controller, PiE727MirrorOptions? options = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(controller);
        options ??= PiE727MirrorOptions.Default;
        string identity = await controller.IdentifyAsync(cancellationToken);
        if (!identity.Contains("E-727", StringComparison.OrdinalIgnoreCase))
        {
            throw new PiE727Exception($"{controller.DeviceName}: *IDN? answered '{identity}', not an E-727");
        }

        string[] axes = [options.XAxis, options.YAxis];
        string[] units = await controller.GetPositionUnitsAsync(axes, cancellationToken);
        double perUnit = MicroradiansPer(units[0], controller.DeviceName, axes[0]);
        if (MicroradiansPer(units[1], controller.DeviceName, axes[1]) != perUnit)
        {
            throw new PiE727Exception($"{controller.DeviceName}: axes {axes[0]} and {axes[1]} report different units ({units[0]}, {units[1]})");
        }

        IReadOnlyDictionary<string, (double Min, double Max)> limits = await controller.ReadLimitsAsync(axes, cancellationToken);
        var range = new TipTiltRange(
            limits[axes[0]].Min * perUnit, limits[axes[0]].Max * perUnit,
            limits[axes[1]].Min * perUnit, limits[axes[1]].Max * perUnit);

        await controller.SetServoAsync([(axes[0], true), (axes[1], true)], cancellationToken);
        bool[] servo = await controller.GetServoAsync(axes, cancellationToken);
        if (!servo[0] || !servo[1])
        {
            throw new PiE727Exception($"{controller.DeviceName}: servo did not switch on (SVO? answered {servo[0]}, {servo[1]})");
        }

        return new PiE727Mirror(controller, options, identity, range, perUnit, timeProvider ?? TimeProvider.System);
    }

    /// <inheritdoc/>
    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueTask MoveAsync(double xMicroradians, double yMicroradians, CancellationToken cancellationToken = default)
    {
        if (!RangeMicroradians.Contains(xMicroradians, yMicroradians))
        {
            throw new ArgumentOutOfRangeException(
                nameof(xMicroradians),
                $"{Identity}: ({xMicroradians}, {yMicroradians}) µrad is outside the range {RangeMicroradians}; nothing sent");
        }

        targets[0] = new GcsAxisValue(axes[0], xMicroradians / microradiansPerUnit);
        targets[1] = new GcsAxisValue(axes[1], yMicroradians / microradiansPerUnit);
        return controller.MoveAsync(targets, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<TipTiltPosition> ReadPositionAsync(CancellationToken cancellationToken = default)
    {
        await controller.GetPositionsAsync(axes, positions, cancellationToken);
        return new TipTiltPosition(positions[0] * microradiansPerUnit, positions[1] * microradiansPerUnit);
    }

    /// <summary>
    /// Polls <c>ONT?</c> until both axes are on target. A mirror that does not settle in time is a
    /// <see cref="PiE727TimeoutException"/> but not a fault: the controller answered, the motion did not finish.
    /// </summary>
    public async Task WaitOnTargetAsync(TimeSpan timeout, TimeSpan pollInterval, CancellationToken cancellationToken = default)
    {
        long start = timeProvider.GetTimestamp();
        while (true)
        {
            bool[] onTarget = await controller.GetOnTargetAsync(axes, cancellationToken);
            if (onTarget[0] && onTarget[1])
            {
                return;
            }

            if (timeProvider.GetElapsedTime(start) >= timeout)
            {
                throw new PiE727TimeoutException($"{Identity}: axes not on target (ONT? {onTarget[0]}, {onTarget[1]}) after {timeout.TotalMilliseconds} ms");
            }

            await Task.Delay(pollInterval, timeProvider, cancellationToken);
        }
    }

    /// <summary>Leaves the controller's latched fault state when it answers <c>*IDN?</c> again (<see cref="PiE727Controller.RecoverAsync"/>).</summary>
    public async ValueTask RecoverAsync(CancellationToken cancellationToken = default)
    {
        if (controller.IsFaulted)
        {
            await controller.RecoverAsync(cancellationToken);
        }
    }

    /// <summary><c>STP</c>: stops both axes where they are.</summary>
    public ValueTask StopAsync(CancellationToken cancellationToken = default) => controller.StopAsync(cancellationToken);

    private static double MicroradiansPer(string unit, string device, string axis) => unit.Trim().ToUpperInvariant() switch
    {
        "MRAD" => 1000.0,
        "URAD" or "µRAD" or "ΜRAD" => 1.0,
        "RAD" => 1e6,
        _ => throw new PiE727Exception($"{device}: axis {axis} reports unit '{unit}' (PUN?), not an angle this binding converts"),
    };
}

/// <summary>Which GCS axes of the E-727 drive the mirror's two tilt axes.</summary>
public sealed record PiE727MirrorOptions
{
    /// <summary>GCS axis of the mirror's X tilt. The E-727 names its logical axes 1, 2, 3 (E727T0005, "Axes, Channels, Functional Elements").</summary>
    public string XAxis { get; init; } = "1";

    /// <summary>GCS axis of the mirror's Y tilt.</summary>
    public string YAxis { get; init; } = "2";

    /// <summary>Axes 1 (X) and 2 (Y).</summary>
    public static PiE727MirrorOptions Default { get; } = new();
}
