using System.Globalization;

namespace JinanOnboard.Devices.Simulated.Elliptec;

/// <summary>
/// One simulated Thorlabs ELL14 rotation mount on a <see cref="SimulatedElliptecBus"/>, written from the ELLx
/// modules protocol manual alone (no reference to the driver): it answers <c>in</c>, <c>gs</c>, <c>gp</c>,
/// <c>ho</c> and <c>ma</c>, moves at <see cref="SpeedDegreesPerSecond"/>, answers <c>GS09</c> (busy) to anything
/// sent while it moves and reports the final position with <c>PO</c> when it stops. Fault switches make it go
/// silent, garble its replies, or report a chosen status instead of moving.
/// </summary>
public sealed class SimulatedEll14
{
    /// <summary>Pulses per revolution an ELL14 reports in its <c>in</c> reply (0x00023000).</summary>
    public const int Ell14PulsesPerRevolution = 143_360;

    /// <summary>Status byte: OK.</summary>
    public const byte StatusOk = 0x00;

    /// <summary>Status byte: command error or not supported.</summary>
    public const byte StatusCommandError = 0x03;

    /// <summary>Status byte: value out of range.</summary>
    public const byte StatusValueOutOfRange = 0x04;

    /// <summary>Status byte: busy (moving).</summary>
    public const byte StatusBusy = 0x09;

    private readonly object gate = new();
    private int positionPulses;
    private int motionStartPulses;
    private int motionTargetPulses;
    private long motionStartTimestamp;
    private long motionEndTimestamp;
    private bool moving;

    internal SimulatedEll14(int address, string serialNumber, int initialPulses, TimeProvider timeProvider)
    {
        Address = address;
        SerialNumber = serialNumber;
        positionPulses = initialPulses;
        TimeProvider = timeProvider;
    }

    /// <summary>Bus address, 0-15.</summary>
    public int Address { get; }

    /// <summary>Eight-character serial number reported by <c>in</c>.</summary>
    public string SerialNumber { get; }

    /// <summary>Rotation speed while moving. Assumed: 430 deg/s, Thorlabs' stated ELL14 maximum (README).</summary>
    public double SpeedDegreesPerSecond { get; set; } = 430.0;

    /// <summary>Fault switch: receive commands but never answer.</summary>
    public bool StopAnswering { get; set; }

    /// <summary>Fault switch: corrupt the data bytes of every reply (bit 7 set), keeping address, header and CR LF.</summary>
    public bool GarbleReplies { get; set; }

    /// <summary>Fault switch: answer every motion and <c>gs</c> with this status instead of moving (null: off).</summary>
    public byte? ForcedStatus { get; set; }

    /// <summary>Packets addressed to this module so far.</summary>
    public int CommandsReceived { get; private set; }

    /// <summary>Where the mount is now, pulses (interpolated while it moves).</summary>
    public int PositionPulses
    {
        get
        {
            lock (gate)
            {
                return CurrentPulses(TimeProvider.GetTimestamp());
            }
        }
    }

    /// <summary>Where the mount is now, degrees in [0, 360).</summary>
    public double AngleDegrees => (((PositionPulses % Ell14PulsesPerRevolution) + Ell14PulsesPerRevolution) % Ell14PulsesPerRevolution) * 360.0 / Ell14PulsesPerRevolution;

    internal TimeProvider TimeProvider { get; }

    /// <summary>
    /// Handles one command. Returns the immediate reply (null for none) and, for a motion, how long until the final
    /// reply, which <see cref="FinishMotion"/> then produces.
    /// </summary>
    internal (string? Reply, TimeSpan? MotionTime) Handle(string mnemonic, string data)
    {
        lock (gate)
        {
            CommandsReceived++;
            long now = TimeProvider.GetTimestamp();
            if (moving && now >= motionEndTimestamp)
            {
                moving = false;
                positionPulses = motionTargetPulses;
            }

            if (moving)
            {
                return (Status(StatusBusy), null);
            }

            switch (mnemonic)
            {
                case "in":
                    return (Reply("IN", string.Create(CultureInfo.InvariantCulture, $"0E{SerialNumber}20231701016800023000")), null);
                case "gs":
                    return (Status(ForcedStatus ?? StatusOk), null);
                case "gp":
                    return (Reply("PO", Pulses(positionPulses)), null);
                case "ho" when data is "0" or "1":
                    return ForcedStatus is { } homeStatus ? (Status(homeStatus), null) : (null, StartMotion(0, now));
                case "ma":
                    if (!uint.TryParse(data, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint raw))
                    {
                        return (Status(StatusCommandError), null);
                    }

                    int target = unchecked((int)raw);
                    if (target is < 0 or >= Ell14PulsesPerRevolution)
                    {
                        return (Status(StatusValueOutOfRange), null);
                    }

                    return ForcedStatus is { } moveStatus ? (Status(moveStatus), null) : (null, StartMotion(target, now));
                default:
                    return (Status(StatusCommandError), null);
            }
        }
    }

    /// <summary>The <c>PO</c> reply a motion ends with; the mount is at its target from now on.</summary>
    internal string FinishMotion()
    {
        lock (gate)
        {
            moving = false;
            positionPulses = motionTargetPulses;
            return Reply("PO", Pulses(positionPulses));
        }
    }

    private TimeSpan StartMotion(int targetPulses, long now)
    {
        double degrees = Math.Abs(targetPulses - positionPulses) * 360.0 / Ell14PulsesPerRevolution;
        var duration = TimeSpan.FromSeconds(degrees / SpeedDegreesPerSecond);
        motionStartPulses = positionPulses;
        motionTargetPulses = targetPulses;
        motionStartTimestamp = now;
        motionEndTimestamp = now + (long)(duration.TotalSeconds * TimeProvider.TimestampFrequency);
        moving = true;
        return duration;
    }

    private int CurrentPulses(long now)
    {
        if (!moving || now >= motionEndTimestamp)
        {
            return moving ? motionTargetPulses : positionPulses;
        }

        double fraction = (double)(now - motionStartTimestamp) / Math.Max(1, motionEndTimestamp - motionStartTimestamp);
        return motionStartPulses + (int)Math.Round((motionTargetPulses - motionStartPulses) * fraction);
    }

    private string Status(byte status) => Reply("GS", status.ToString("X2", CultureInfo.InvariantCulture));

    private string Reply(string header, string data) => $"{"0123456789ABCDEF"[Address]}{header}{data}\r\n";

    private static string Pulses(int pulses) => unchecked((uint)pulses).ToString("X8", CultureInfo.InvariantCulture);
}
