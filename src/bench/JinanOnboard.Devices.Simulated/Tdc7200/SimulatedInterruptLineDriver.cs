using System.Device.Gpio;

namespace JinanOnboard.Devices.Simulated.Tdc7200;

/// <summary>
/// A <see cref="GpioDriver"/> with input pins whose levels a simulated device drives (an open-drain INTB pulled up, so
/// high until the device pulls it low). A real <see cref="GpioController"/> runs over it unchanged: pin opening,
/// <c>Read</c>, <c>WaitForEvent</c> and value-changed callbacks all behave as on a board.
/// </summary>
public sealed class SimulatedInterruptLineDriver : GpioDriver
{
    // A Monitor lock (not System.Threading.Lock): WaitForEvent blocks on it with Monitor.Wait until an edge pulses it.
    private readonly object gate = new();
    private readonly Dictionary<int, Line> lines = [];
    private readonly int pinCount;

    /// <summary>A driver with pins 0..<paramref name="pinCount"/>-1, all high.</summary>
    public SimulatedInterruptLineDriver(int pinCount = 64)
    {
        this.pinCount = pinCount;
    }

    /// <inheritdoc/>
    protected override int PinCount => pinCount;

    /// <summary>Drives <paramref name="pin"/> to <paramref name="value"/> from the device side; an edge runs the callbacks.</summary>
    public void Drive(int pin, PinValue value)
    {
        PinChangeEventHandler[] handlers;
        PinEventTypes edge;
        lock (gate)
        {
            Line line = LineOf(pin);
            if (line.Value == value)
            {
                return;
            }

            line.Value = value;
            edge = value == PinValue.Low ? PinEventTypes.Falling : PinEventTypes.Rising;
            handlers = [.. line.Callbacks.Where(c => (c.Events & edge) != 0).Select(c => c.Handler)];
            Monitor.PulseAll(gate);
        }

        var args = new PinValueChangedEventArgs(edge, pin);
        foreach (PinChangeEventHandler handler in handlers)
        {
            handler(this, args);
        }
    }

    /// <summary>The level the device drives on <paramref name="pin"/>.</summary>
    public PinValue LevelOf(int pin)
    {
        lock (gate)
        {
            return LineOf(pin).Value;
        }
    }

    /// <inheritdoc/>
    protected override void OpenPin(int pinNumber) => CheckPin(pinNumber);

    /// <inheritdoc/>
    protected override void ClosePin(int pinNumber)
    {
        lock (gate)
        {
            LineOf(pinNumber).Callbacks.Clear();
        }
    }

    /// <inheritdoc/>
    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        if (!IsPinModeSupported(pinNumber, mode))
        {
            throw new InvalidOperationException($"simulated GPIO {pinNumber} is an input; mode {mode} not supported");
        }

        lock (gate)
        {
            LineOf(pinNumber).Mode = mode;
        }
    }

    /// <inheritdoc/>
    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (gate)
        {
            return LineOf(pinNumber).Mode;
        }
    }

    /// <inheritdoc/>
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => mode is PinMode.Input or PinMode.InputPullUp;

    /// <inheritdoc/>
    protected override PinValue Read(int pinNumber) => LevelOf(pinNumber);

    /// <inheritdoc/>
    protected override void Write(int pinNumber, PinValue value)
        => throw new InvalidOperationException($"simulated GPIO {pinNumber} is an input driven by the device");

    /// <inheritdoc/>
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Line line = LineOf(pinNumber);
            PinValue start = line.Value;
            while (!cancellationToken.IsCancellationRequested)
            {
                if (line.Value != start)
                {
                    PinEventTypes edge = line.Value == PinValue.Low ? PinEventTypes.Falling : PinEventTypes.Rising;
                    if ((eventTypes & edge) != 0)
                    {
                        return new WaitForEventResult { EventTypes = edge, TimedOut = false };
                    }

                    start = line.Value;
                }

                // Wake at least every 10 ms to notice cancellation; an edge pulses the monitor at once.
                Monitor.Wait(gate, 10);
            }

            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
    }

    /// <inheritdoc/>
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (gate)
        {
            LineOf(pinNumber).Callbacks.Add((eventTypes, callback));
        }
    }

    /// <inheritdoc/>
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (gate)
        {
            LineOf(pinNumber).Callbacks.RemoveAll(c => c.Handler == callback);
        }
    }

    private Line LineOf(int pin)
    {
        CheckPin(pin);
        if (!lines.TryGetValue(pin, out Line? line))
        {
            line = new Line();
            lines[pin] = line;
        }

        return line;
    }

    private void CheckPin(int pin)
    {
        if (pin < 0 || pin >= pinCount)
        {
            throw new ArgumentOutOfRangeException(nameof(pin), pin, $"simulated GPIO has pins 0..{pinCount - 1}");
        }
    }

    private sealed class Line
    {
        public PinValue Value { get; set; } = PinValue.High;

        public PinMode Mode { get; set; } = PinMode.Input;

        public List<(PinEventTypes Events, PinChangeEventHandler Handler)> Callbacks { get; } = [];
    }
}
