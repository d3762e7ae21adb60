using System.Buffers.Binary;
using System.Device.Spi;

namespace JinanOnboard.Devices.Simulated.Buses;

/// <summary>
/// An AD5328 octal 12-bit DAC on a simulated SPI bus, decoding every 16-bit word as the Analog Devices
/// AD5308/AD5318/AD5328 datasheet (Rev. F, "Serial Interface" and "Control Functions") describes: DB15 = 0 writes DB11-DB0
/// to the input register of the DAC addressed by DB14-DB12; DB15 = 1 is a control word selected by DB14-DB13 — 00 gain
/// (DB4 A-D, DB5 E-H: 0 = 0..VREF, 1 = 0..2 VREF), reference buffer (DB2, DB3) and VDD-as-reference (DB0, DB1); 01 LDAC
/// mode (DB1-DB0: 00 DAC registers transparent, 01 latched, 10 one update); 10 power-down (DB7-DB0 = DAC H..A, 1 = down);
/// 11 reset (DB12 = 0 data only, 1 data and control). A frame shorter than 16 clocks is a SYNC interrupt and is ignored.
/// Written from the datasheet, not from the binding, so the Iot.Device.DAC.AD5328 binding runs against it unmodified.
/// </summary>
public sealed class SimulatedAd5328 : SpiDevice
{
    private readonly object gate = new();
    private readonly ushort[] inputRegisters = new ushort[8];
    private readonly ushort[] dacRegisters = new ushort[8];
    private readonly List<ushort> frames = [];
    private readonly double[] referenceVolts;
    private bool[] gainDoubled = new bool[2];
    private bool[] bufferedReference = new bool[2];
    private bool[] vddAsReference = new bool[2];
    private byte powerDownMask;
    private Ad5328LdacMode ldacMode = Ad5328LdacMode.Transparent;

    /// <summary>Reference pins VREF(ABCD) and VREF(EFGH) and the supply, volts.</summary>
    public SimulatedAd5328(double referenceAbcdVolts = 2.5, double referenceEfghVolts = 2.5, double supplyVolts = 5.0)
    {
        referenceVolts = [referenceAbcdVolts, referenceEfghVolts];
        SupplyVolts = supplyVolts;
    }

    /// <summary>Raised before any DAC output changes, so an analog model can advance with the old outputs first.</summary>
    public event Action? OutputsChanging;

    /// <inheritdoc />
    public override SpiConnectionSettings ConnectionSettings { get; } = new(0, 0) { Mode = SpiMode.Mode1, ClockFrequency = 30_000_000 };

    /// <summary>Supply voltage VDD; outputs cannot exceed it (rail-to-rail output amplifier).</summary>
    public double SupplyVolts { get; }

    /// <summary>The LDAC pin; wired to ground it keeps the DAC registers transparent whatever the LDAC mode bits say.</summary>
    public bool LdacPinLow { get; set; }

    /// <summary>Every complete 16-bit word received, in order.</summary>
    public IReadOnlyList<ushort> Frames
    {
        get
        {
            lock (gate)
            {
                return [.. frames];
            }
        }
    }

    /// <summary>Frames cut short by SYNC before the 16th clock (ignored by the part).</summary>
    public int InterruptedFrames { get; private set; }

    /// <summary>The LDAC mode set by the last LDAC control word.</summary>
    public Ad5328LdacMode LdacMode => ldacMode;

    /// <summary>Input register of DAC <paramref name="channel"/> (0 = A).</summary>
    public ushort InputRegister(int channel) => inputRegisters[channel];

    /// <summary>DAC register (the code driving the output) of <paramref name="channel"/> (0 = A).</summary>
    public ushort DacRegister(int channel) => dacRegisters[channel];

    /// <summary>True when DAC <paramref name="channel"/> is powered down.</summary>
    public bool IsPoweredDown(int channel) => (powerDownMask & (1 << channel)) != 0;

    /// <summary>True when the group of <paramref name="channel"/> has its output range doubled (GAIN = 1).</summary>
    public bool IsGainDoubled(int channel) => gainDoubled[channel / 4];

    /// <summary>True when the group of <paramref name="channel"/> buffers its reference input (BUF = 1).</summary>
    public bool IsReferenceBuffered(int channel) => bufferedReference[channel / 4];

    /// <summary>
    /// Output of <paramref name="channel"/>, volts: VOUT = VREF x D / 2^12 x gain (datasheet, "Digital-to-Analog
    /// Section"), VDD replacing VREF when selected, clipped at the rails; 0 V when powered down (the output is then
    /// disconnected and the load pulls it to ground).
    /// </summary>
    public double OutputVolts(int channel)
    {
        lock (gate)
        {
            if (IsPoweredDown(channel))
            {
                return 0.0;
            }

            int group = channel / 4;
            double reference = vddAsReference[group] ? SupplyVolts : referenceVolts[group];
            double volts = reference * dacRegisters[channel] / 4096.0 * (gainDoubled[group] ? 2.0 : 1.0);
            return Math.Clamp(volts, 0.0, SupplyVolts);
        }
    }

    /// <summary>A low pulse on the LDAC pin: every DAC register takes its input register.</summary>
    public void PulseLdac()
    {
        OutputsChanging?.Invoke();
        lock (gate)
        {
            Array.Copy(inputRegisters, dacRegisters, 8);
        }
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < 2)
        {
            InterruptedFrames++;
            return;
        }

        // The word is latched on the 16th falling edge of SCLK; clocks after it in the same SYNC frame are ignored.
        Decode(BinaryPrimitives.ReadUInt16BigEndian(buffer));
    }

    /// <inheritdoc />
    public override void WriteByte(byte value) => InterruptedFrames++;

    /// <summary>The AD5328 has no data output: MISO floats high.</summary>
    public override void Read(Span<byte> buffer)
    {
        InterruptedFrames++;
        buffer.Fill(0xFF);
    }

    /// <inheritdoc />
    public override byte ReadByte()
    {
        InterruptedFrames++;
        return 0xFF;
    }

    /// <inheritdoc />
    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        readBuffer.Fill(0xFF);
    }

    private void Decode(ushort word)
    {
        OutputsChanging?.Invoke();
        lock (gate)
        {
            frames.Add(word);
            if ((word & 0x8000) == 0)
            {
                int channel = (word >> 12) & 0x7;
                inputRegisters[channel] = (ushort)(word & 0x0FFF);
                if (ldacMode == Ad5328LdacMode.Transparent || LdacPinLow)
                {
                    dacRegisters[channel] = inputRegisters[channel];
                }

                return;
            }

            switch ((word >> 13) & 0x3)
            {
                case 0b00:
                    gainDoubled = [(word & 0x10) != 0, (word & 0x20) != 0];
                    bufferedReference = [(word & 0x04) != 0, (word & 0x08) != 0];
                    vddAsReference = [(word & 0x01) != 0, (word & 0x02) != 0];
                    break;
                case 0b01:
                    switch (word & 0x3)
                    {
                        case 0b00:
                            ldacMode = Ad5328LdacMode.Transparent;
                            Array.Copy(inputRegisters, dacRegisters, 8);
                            break;
                        case 0b01:
                            ldacMode = Ad5328LdacMode.Latched;
                            break;
                        case 0b10:
                            Array.Copy(inputRegisters, dacRegisters, 8); // one update; the mode bits stay as they were
                            break;
                        default:
                            break; // reserved
                    }

                    break;
                case 0b10:
                    powerDownMask = (byte)(word & 0xFF);
                    break;
                default:
                    Array.Clear(inputRegisters);
                    Array.Clear(dacRegisters);
                    if ((word & 0x1000) != 0)
                    {
                        gainDoubled = new bool[2];
                        bufferedReference = new bool[2];
                        vddAsReference = new bool[2];
                        powerDownMask = 0;
                        ldacMode = Ad5328LdacMode.Transparent;
                    }

                    break;
            }
        }
    }
}

/// <summary>The AD5328's LDAC mode bits (control word DB15-DB13 = 101, DB1-DB0).</summary>
public enum Ad5328LdacMode
{
    /// <summary>00: LDAC held low in software, the DAC registers follow the input registers (power-on state).</summary>
    Transparent,

    /// <summary>01: LDAC held high, the DAC registers keep their codes until an update.</summary>
    Latched,
}
