namespace JinanOnboard.Devices.Waveplates.Elliptec;

/// <summary>
/// A Thorlabs ELL14 rotation mount holding one waveplate, on an <see cref="ElliptecBus"/> at its address. Angles
/// convert with the pulses per revolution the module reports in its <c>in</c> reply (143360 for an ELL14, 0x00023000).
/// A failed exchange leaves <see cref="IsFaulted"/> set with the reason until the next exchange succeeds.
/// </summary>
public sealed class Ell14Rotator : IWaveplateRotator
{
    private readonly ElliptecBus bus;

    /// <summary>Binds a module already identified by <see cref="ProbeAsync"/> (no bytes are sent).</summary>
    public Ell14Rotator(ElliptecBus bus, ElliptecDeviceInfo info)
    {
        this.bus = bus ?? throw new ArgumentNullException(nameof(bus));
        Info = info ?? throw new ArgumentNullException(nameof(info));
        if (info.ModuleType != ElliptecDeviceInfo.Ell14ModuleType)
        {
            throw new ArgumentException($"module at address {info.Address:X1} is an ELL{info.ModuleType}, not an ELL14", nameof(info));
        }

        if (info.PulsesPerUnit <= 0 || info.PulsesPerUnit > int.MaxValue)
        {
            throw new ArgumentException($"module at address {info.Address:X1} reports {info.PulsesPerUnit} pulses per revolution", nameof(info));
        }

        PulsesPerRevolution = (int)info.PulsesPerUnit;
    }

    /// <summary>What the module said about itself.</summary>
    public ElliptecDeviceInfo Info { get; }

    /// <inheritdoc />
    public string Identity => Info.ToString();

    /// <summary>Pulses per mount revolution, from the <c>in</c> reply.</summary>
    public int PulsesPerRevolution { get; }

    /// <summary>True after an exchange failed, until one succeeds.</summary>
    public bool IsFaulted => LastFault is not null;

    /// <summary>The failure that set <see cref="IsFaulted"/>, or null.</summary>
    public ElliptecException? LastFault { get; private set; }

    /// <summary>Sends <c>in</c> to <paramref name="address"/> and parses the <c>IN</c> reply (the identity query).</summary>
    public static async ValueTask<ElliptecDeviceInfo> ProbeAsync(ElliptecBus bus, int address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ElliptecReply reply = await bus.ExchangeAsync(address, ElliptecPacket.Build(address, ElliptecPacket.GetInformation), motion: false, cancellationToken).ConfigureAwait(false);
        ThrowOnErrorStatus(reply);
        return ElliptecDeviceInfo.Parse(reply);
    }

    /// <summary>Probes <paramref name="address"/> and binds the rotator, refusing a module that is not an ELL14.</summary>
    public static async ValueTask<Ell14Rotator> OpenAsync(ElliptecBus bus, int address, CancellationToken cancellationToken = default)
        => new(bus, await ProbeAsync(bus, address, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async ValueTask HomeAsync(CancellationToken cancellationToken = default)
        => await PositionExchangeAsync(ElliptecPacket.Build(Info.Address, ElliptecPacket.Home, "0"), motion: true, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Moves to <paramref name="angleDegrees"/> in [0, 360) and returns the angle of the <c>PO</c> reply.
    /// An angle outside that interval (or NaN) is refused before anything is sent.
    /// </summary>
    public async ValueTask<double> MoveToAsync(double angleDegrees, CancellationToken cancellationToken = default)
    {
        if (!(angleDegrees >= 0.0 && angleDegrees < 360.0))
        {
            throw new ArgumentOutOfRangeException(nameof(angleDegrees), angleDegrees, $"{Identity}: an angle is in [0, 360) degrees");
        }

        int pulses = (int)Math.Round(angleDegrees / 360.0 * PulsesPerRevolution, MidpointRounding.AwayFromZero) % PulsesPerRevolution;
        byte[] command = ElliptecPacket.Build(Info.Address, ElliptecPacket.MoveAbsolute, ElliptecPacket.EncodePulses(pulses));
        return AngleDegrees(await PositionExchangeAsync(command, motion: true, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async ValueTask<double> GetAngleAsync(CancellationToken cancellationToken = default)
        => AngleDegrees(await PositionExchangeAsync(ElliptecPacket.Build(Info.Address, ElliptecPacket.GetPosition), motion: false, cancellationToken).ConfigureAwait(false));

    /// <summary>Sends <c>gs</c> and returns the module's status (<see cref="ElliptecStatus.Busy"/> while it moves).</summary>
    public async ValueTask<ElliptecStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        ElliptecReply reply = await TrackAsync(bus.ExchangeAsync(Info.Address, ElliptecPacket.Build(Info.Address, ElliptecPacket.GetStatus), motion: false, cancellationToken)).ConfigureAwait(false);
        if (reply.Header != ElliptecReply.Status)
        {
            throw Fault(new ElliptecProtocolException(Info.Address, "expected a GS status reply", reply.Raw));
        }

        return reply.StatusCode;
    }

    /// <summary>A pulse count as the mount angle in [0, 360) degrees (counts wrap every revolution).</summary>
    public double AngleDegrees(int pulses)
    {
        int wrapped = ((pulses % PulsesPerRevolution) + PulsesPerRevolution) % PulsesPerRevolution;
        return wrapped * 360.0 / PulsesPerRevolution;
    }

    private async ValueTask<int> PositionExchangeAsync(byte[] command, bool motion, CancellationToken cancellationToken)
    {
        ElliptecReply reply = await TrackAsync(bus.ExchangeAsync(Info.Address, command, motion, cancellationToken)).ConfigureAwait(false);
        if (reply.Header == ElliptecReply.Status && reply.StatusCode != ElliptecStatus.Ok)
        {
            throw Fault(new ElliptecStatusException(Info.Address, reply.StatusCode, reply.Raw));
        }

        if (reply.Header != ElliptecReply.Position)
        {
            throw Fault(new ElliptecProtocolException(Info.Address, "expected a PO position reply", reply.Raw));
        }

        return reply.Pulses;
    }

    private async ValueTask<ElliptecReply> TrackAsync(ValueTask<ElliptecReply> exchange)
    {
        try
        {
            ElliptecReply reply = await exchange.ConfigureAwait(false);
            LastFault = null;
            return reply;
        }
        catch (ElliptecException ex)
        {
            throw Fault(ex);
        }
    }

    private ElliptecException Fault(ElliptecException ex)
    {
        LastFault = ex;
        return ex;
    }

    private static void ThrowOnErrorStatus(ElliptecReply reply)
    {
        if (reply.Header == ElliptecReply.Status && reply.StatusCode != ElliptecStatus.Ok)
        {
            throw new ElliptecStatusException(reply.Address, reply.StatusCode, reply.Raw);
        }
    }
}
