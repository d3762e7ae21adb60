using System.Buffers.Binary;
using System.Device.I2c;

namespace JinanOnboard.Devices.Fsm;

/// <summary>
/// Binding for a two-axis piezo fast steering mirror controller on I2C (fine pointing at the OGS,
/// system.md). dotnet/iot style: takes its <see cref="I2cDevice"/>; registers per README.md.
/// Angles are mechanical tip/tilt in microradians, 0.1 urad per LSB, range +-3276.7 urad.
/// </summary>
public sealed class FastSteeringMirror : IDisposable
{
    /// <summary>Default 7-bit I2C address of the controller.</summary>
    public const int DefaultI2cAddress = 0x2C;

    /// <summary>Value of the WHO_AM_I register.</summary>
    public const byte ExpectedWhoAmI = 0xF5;

    /// <summary>Largest commandable angle on either axis, urad.</summary>
    public const double MaxAngleMicroradians = short.MaxValue * MicroradiansPerLsb;

    private const double MicroradiansPerLsb = 0.1;

    private readonly I2cDevice device;
    private readonly bool shouldDispose;

    /// <summary>Binds to the controller and checks WHO_AM_I.</summary>
    /// <exception cref="IOException">The device at that address is not an FSM controller.</exception>
    public FastSteeringMirror(I2cDevice device, bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(device);
        this.device = device;
        this.shouldDispose = shouldDispose;
        byte whoAmI = ReadRegister(FsmRegister.WhoAmI);
        if (whoAmI != ExpectedWhoAmI)
        {
            throw new IOException($"not an FSM controller: WHO_AM_I = 0x{whoAmI:X2}, expected 0x{ExpectedWhoAmI:X2}");
        }
    }

    /// <summary>Current STATUS register.</summary>
    public FsmStatus Status => (FsmStatus)ReadRegister(FsmRegister.Status);

    /// <summary>Turns the amplifier on, in closed loop (strain-gauge feedback) or open loop.</summary>
    public void Enable(bool closedLoop = true)
        => WriteRegister(FsmRegister.Control, (byte)(FsmControl.Enable | (closedLoop ? FsmControl.ClosedLoop : FsmControl.None)));

    /// <summary>Turns the amplifier off.</summary>
    public void Disable() => WriteRegister(FsmRegister.Control, (byte)FsmControl.None);

    /// <summary>Resets the controller (RESET bit; the controller clears it).</summary>
    public void Reset() => WriteRegister(FsmRegister.Control, (byte)FsmControl.Reset);

    /// <summary>True if the amplifier is enabled.</summary>
    public bool IsEnabled => (((FsmControl)ReadRegister(FsmRegister.Control)) & FsmControl.Enable) != 0;

    /// <summary>Commands both axes in one 4-byte burst so they move together.</summary>
    public void SetAngle(double xMicroradians, double yMicroradians)
    {
        Span<byte> frame = stackalloc byte[5];
        frame[0] = (byte)FsmRegister.XSetpoint;
        BinaryPrimitives.WriteInt16BigEndian(frame[1..], ToLsb(xMicroradians, nameof(xMicroradians)));
        BinaryPrimitives.WriteInt16BigEndian(frame[3..], ToLsb(yMicroradians, nameof(yMicroradians)));
        device.Write(frame);
    }

    /// <summary>The commanded set-point, urad.</summary>
    public (double XMicroradians, double YMicroradians) GetSetpoint() => ReadPair(FsmRegister.XSetpoint);

    /// <summary>The measured mirror angle from the strain gauges, urad.</summary>
    public (double XMicroradians, double YMicroradians) GetPosition() => ReadPair(FsmRegister.XPosition);

    /// <inheritdoc />
    public void Dispose()
    {
        if (shouldDispose)
        {
            device.Dispose();
        }
    }

    private static short ToLsb(double microradians, string name)
    {
        if (!double.IsFinite(microradians) || Math.Abs(microradians) > MaxAngleMicroradians)
        {
            throw new ArgumentOutOfRangeException(name, microradians, $"FSM range is +-{MaxAngleMicroradians} urad");
        }

        return (short)Math.Round(microradians / MicroradiansPerLsb);
    }

    private (double, double) ReadPair(FsmRegister first)
    {
        Span<byte> data = stackalloc byte[4];
        device.WriteRead([(byte)first], data);
        return (BinaryPrimitives.ReadInt16BigEndian(data) * MicroradiansPerLsb,
                BinaryPrimitives.ReadInt16BigEndian(data[2..]) * MicroradiansPerLsb);
    }

    private byte ReadRegister(FsmRegister register)
    {
        Span<byte> value = stackalloc byte[1];
        device.WriteRead([(byte)register], value);
        return value[0];
    }

    private void WriteRegister(FsmRegister register, byte value) => device.Write([(byte)register, value]);
}
