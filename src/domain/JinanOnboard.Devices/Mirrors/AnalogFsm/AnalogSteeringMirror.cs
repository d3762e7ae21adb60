using System.Buffers.Binary;
using System.Device.I2c;
using System.Device.Spi;
using Iot.Device.Ads1115;
using Iot.Device.DAC;
using Polly;
using Polly.Retry;
using UnitsNet;

namespace JinanOnboard.Devices.Mirrors.AnalogFsm;

/// <summary>
/// A two-axis analog fast steering mirror (Newport FSM-300 class) commanded through an AD5328 12-bit DAC on SPI and
/// read back through an ADS1115 16-bit ADC on I2C, using the Iot.Device.Bindings drivers of both parts; this class is
/// only the mirror layer: volts to microradians per axis, the commandable range, the slew limit and the read-back.
/// <para>
/// The DAC is unipolar (0..2 VREF); the board's driver amplifier re-centres it, Vmirror = gain x (Vdac - offset), so
/// mid-scale is 0 V at the mirror. Both axes change together: the DAC runs with its DAC registers latched and each
/// update writes both input registers, then one LDAC control word moves both outputs at once.
/// </para>
/// </summary>
public sealed class AnalogSteeringMirror : ITipTiltMirror, IDisposable
{
    private const int DacCodes = 4096;

    private readonly SpiDevice dacBus;
    private readonly AD5328 dac;
    private readonly Ads1115 adc;
    private readonly bool shouldDispose;
    private readonly TimeProvider timeProvider;
    private readonly ResiliencePipeline readRetry;
    private TipTiltPosition lastCommand;
    private bool disposed;

    /// <summary>
    /// Takes the open buses (never opens them): configures the DAC (gain, buffered reference, latched DAC registers,
    /// all channels up), sets the ADC to single-shot read-back, and reads where the mirror is, which becomes the start
    /// of the first slew-limited move. Nothing is written to the DAC's data registers until the first move.
    /// </summary>
    public AnalogSteeringMirror(SpiDevice dacBus, I2cDevice adcBus, AnalogSteeringMirrorOptions? options = null, TimeProvider? timeProvider = null, bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(dacBus);
        ArgumentNullException.ThrowIfNull(adcBus);
        Options = options ?? new AnalogSteeringMirrorOptions();
        Options.Validate();
        this.dacBus = dacBus;
        this.shouldDispose = shouldDispose;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        Identity = $"analog FSM (AD5328 on SPI {dacBus.ConnectionSettings.BusId}.{dacBus.ConnectionSettings.ChipSelectLine}, ADS1115 on I2C {adcBus.ConnectionSettings.BusId} 0x{adcBus.ConnectionSettings.DeviceAddress:X2})";
        RangeMicroradians = CommandableRange(Options);
        readRetry = BuildReadRetry();

        // The binding scales by its reference over 4095 steps; handing it the full-scale output and a code times
        // full-scale / 4095 makes it send exactly the code computed here (the part itself divides by 4096).
        var fullScale = ElectricPotential.FromVolts(Options.DacFullScaleVolts);
        dac = new AD5328(dacBus, fullScale, fullScale);
        WriteControlWord(Ad5328ControlWord.GainAndBuffer(Options.DacGainDoubled, Options.DacGainDoubled, bufferedAbcd: true, bufferedEfgh: true));
        WriteControlWord(Ad5328ControlWord.PowerDown(0));
        WriteControlWord(Ad5328ControlWord.LdacLatched);

        try
        {
            adc = new Ads1115(adcBus, Options.X.AdcInput, Options.AdcRange, Options.AdcDataRate, DeviceMode.PowerDown);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException)
        {
            throw new AnalogMirrorException(Identity, "ADS1115 did not accept its configuration: " + ex.Message, inner: ex);
        }

        TipTiltPosition start = ReadPositionNow();
        lastCommand = new TipTiltPosition(
            Math.Clamp(start.XMicroradians, RangeMicroradians.MinXMicroradians, RangeMicroradians.MaxXMicroradians),
            Math.Clamp(start.YMicroradians, RangeMicroradians.MinYMicroradians, RangeMicroradians.MaxYMicroradians));
    }

    /// <inheritdoc />
    public string Identity { get; }

    /// <summary>
    /// The mechanical range intersected with what the DAC chain reaches: codes 0 and 4095 through the amplifier (the top
    /// code is one LSB short of full scale, so the positive end is 12.8 urad inside +26.2 mrad with the defaults).
    /// </summary>
    public TipTiltRange RangeMicroradians { get; }

    /// <summary>The chain and limits in use.</summary>
    public AnalogSteeringMirrorOptions Options { get; }

    /// <summary>The last position commanded (the end of the last move).</summary>
    public TipTiltPosition LastCommandMicroradians => lastCommand;

    /// <summary>DAC updates sent (each moves both axes).</summary>
    public long UpdatesSent { get; private set; }

    /// <summary>True after a read-back failed every retry, until one succeeds.</summary>
    public bool IsFaulted => LastFault is not null;

    /// <summary>The failure that set <see cref="IsFaulted"/>, or null.</summary>
    public AnalogMirrorException? LastFault { get; private set; }

    /// <summary>
    /// The identity query: reads the ADS1115's config register and echoes a pattern through its Lo_thresh register
    /// (restoring the reset value), which only a live ADS1115-like part at that address passes.
    /// </summary>
    public static ushort ProbeAdc(I2cDevice adcBus)
    {
        ArgumentNullException.ThrowIfNull(adcBus);
        string device = $"ADS1115 on I2C {adcBus.ConnectionSettings.BusId} 0x{adcBus.ConnectionSettings.DeviceAddress:X2}";
        Span<byte> reply = stackalloc byte[2];
        try
        {
            adcBus.WriteRead([0x01], reply);
            ushort config = BinaryPrimitives.ReadUInt16BigEndian(reply);
            adcBus.Write([0x02, 0x5A, 0xA5]);
            adcBus.WriteRead([0x02], reply);
            byte[] echo = reply.ToArray();
            adcBus.Write([0x02, 0x80, 0x00]);
            if (echo[0] != 0x5A || echo[1] != 0xA5)
            {
                throw new AnalogMirrorException(device, "Lo_thresh did not echo 5AA5", echo);
            }

            return config;
        }
        catch (IOException ex) when (ex is not AnalogMirrorException)
        {
            throw new AnalogMirrorException(device, "no answer: " + ex.Message, inner: ex);
        }
    }

    /// <summary>
    /// Moves to (<paramref name="xMicroradians"/>, <paramref name="yMicroradians"/>) in updates no larger than
    /// <see cref="AnalogSteeringMirrorOptions.MaxStepMicroradians"/> on either axis. A command outside
    /// <see cref="RangeMicroradians"/> (or NaN) is refused before anything is sent.
    /// </summary>
    public ValueTask MoveAsync(double xMicroradians, double yMicroradians, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!RangeMicroradians.Contains(xMicroradians, yMicroradians))
        {
            throw new ArgumentOutOfRangeException(
                nameof(xMicroradians), $"{Identity}: ({xMicroradians}, {yMicroradians}) urad is outside the commandable range {RangeMicroradians}");
        }

        TipTiltPosition from = lastCommand;
        double dx = xMicroradians - from.XMicroradians;
        double dy = yMicroradians - from.YMicroradians;
        int steps = Math.Max(1, (int)Math.Ceiling(Math.Max(Math.Abs(dx), Math.Abs(dy)) / Options.MaxStepMicroradians - 1e-9));
        if (Options.StepInterval == TimeSpan.Zero)
        {
            for (int i = 1; i <= steps; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Update(from.XMicroradians + dx * i / steps, from.YMicroradians + dy * i / steps);
            }

            return ValueTask.CompletedTask;
        }

        return RampAsync(from, dx, dy, steps, cancellationToken);
    }

    /// <summary>Reads both position outputs (two single-shot conversions), microradians; retried, then a fault.</summary>
    public ValueTask<TipTiltPosition> ReadPositionAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return ValueTask.FromResult(ReadPositionNow());
    }

    /// <summary>The DAC code that puts an axis at <paramref name="microradians"/> (datasheet VOUT = VREF x G x D / 4096).</summary>
    public int DacCode(AnalogAxisCalibration axis, double microradians)
    {
        ArgumentNullException.ThrowIfNull(axis);
        double mirrorVolts = (microradians - axis.CommandOffsetMicroradians) / axis.CommandMicroradiansPerVolt;
        double dacVolts = mirrorVolts / Options.AmplifierGain + Options.AmplifierOffsetVolts;
        return Math.Clamp((int)Math.Round(dacVolts / Options.DacFullScaleVolts * DacCodes), 0, DacCodes - 1);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (shouldDispose)
        {
            try
            {
                adc.Dispose(); // the binding rewrites the ADC's config on the way out, which a dead part fails
            }
            catch (Exception ex) when (ex is IOException or TimeoutException)
            {
                LastFault = new AnalogMirrorException(Identity, "ADS1115 did not take its idle configuration on dispose: " + ex.Message, inner: ex);
            }
            finally
            {
                dac.Dispose();
            }
        }
    }

    private static TipTiltRange CommandableRange(AnalogSteeringMirrorOptions o)
    {
        (double minX, double maxX) = AxisReach(o, o.X);
        (double minY, double maxY) = AxisReach(o, o.Y);
        double half = o.MechanicalHalfRangeMicroradians;
        return new TipTiltRange(Math.Max(-half, minX), Math.Min(half, maxX), Math.Max(-half, minY), Math.Min(half, maxY));
    }

    private static (double Min, double Max) AxisReach(AnalogSteeringMirrorOptions o, AnalogAxisCalibration axis)
    {
        double AtCode(int code) => axis.CommandOffsetMicroradians
            + axis.CommandMicroradiansPerVolt * o.AmplifierGain * (o.DacFullScaleVolts * code / DacCodes - o.AmplifierOffsetVolts);
        double low = AtCode(0);
        double high = AtCode(DacCodes - 1);
        return (Math.Min(low, high), Math.Max(low, high));
    }

    private async ValueTask RampAsync(TipTiltPosition from, double dx, double dy, int steps, CancellationToken cancellationToken)
    {
        for (int i = 1; i <= steps; i++)
        {
            Update(from.XMicroradians + dx * i / steps, from.YMicroradians + dy * i / steps);
            if (i < steps)
            {
                await Task.Delay(Options.StepInterval, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Update(double xMicroradians, double yMicroradians)
    {
        WriteCode(Options.X.DacChannel, DacCode(Options.X, xMicroradians));
        WriteCode(Options.Y.DacChannel, DacCode(Options.Y, yMicroradians));
        WriteControlWord(Ad5328ControlWord.LdacSingleUpdate);
        lastCommand = new TipTiltPosition(xMicroradians, yMicroradians);
        UpdatesSent++;
    }

    private void WriteCode(int channel, int code)
        => dac.SetVoltage((ushort)channel, ElectricPotential.FromVolts(code * Options.DacFullScaleVolts / (DacCodes - 1)));

    private void WriteControlWord(ushort word)
    {
        Span<byte> frame = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(frame, word);
        dacBus.Write(frame);
    }

    private TipTiltPosition ReadPositionNow()
    {
        try
        {
            TipTiltPosition position = readRetry.Execute(static m => new TipTiltPosition(m.ReadAxis(m.Options.X), m.ReadAxis(m.Options.Y)), this);
            LastFault = null;
            return position;
        }
        catch (Exception ex) when (ex is IOException or TimeoutException)
        {
            LastFault = ex as AnalogMirrorException
                ?? new AnalogMirrorException(Identity, $"position read-back failed after {1 + Options.ReadRetryAttempts} attempts: {ex.Message}", inner: ex);
            throw LastFault;
        }
    }

    private double ReadAxis(AnalogAxisCalibration axis)
    {
        short raw = adc.ReadRaw(axis.AdcInput, Options.AdcRange, Options.AdcDataRate);
        if (raw is short.MaxValue or short.MinValue)
        {
            byte[] bytes = new byte[2];
            BinaryPrimitives.WriteInt16BigEndian(bytes, raw);
            throw new AnalogMirrorException(Identity, $"position read-back on {axis.AdcInput} is at the ADC's full scale", bytes);
        }

        return axis.SenseOffsetMicroradians + axis.SenseMicroradiansPerVolt * adc.RawToVoltage(raw).Volts;
    }

    private ResiliencePipeline BuildReadRetry()
    {
        if (Options.ReadRetryAttempts == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<IOException>(e => e is not AnalogMirrorException).Handle<TimeoutException>(),
                MaxRetryAttempts = Options.ReadRetryAttempts,
                Delay = Options.ReadRetryDelay,
                BackoffType = DelayBackoffType.Constant,
            })
            .Build();
    }
}
