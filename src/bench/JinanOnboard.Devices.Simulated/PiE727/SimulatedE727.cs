using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace JinanOnboard.Devices.Simulated.PiE727;

/// <summary>
/// Model of a PI E-727 controller with an S-330 tip/tilt, executing GCS 2.0 command lines as the manuals describe them
/// (GCS 2.0 commands manual PZ233E; E-727 user manual E727T0005 "GCS Commands"): servo state per axis, travel limits,
/// closed-loop motion with a settle time, and one error register that <c>ERR?</c> reports and clears. A set command
/// that fails sets the error and does nothing; a query that fails sets the error and is not answered. Several sessions
/// (TCP connections, a serial port) may share one model, as they share one controller. Thread-safe.
/// </summary>
public sealed class SimulatedE727
{
    private readonly SimulatedE727Options options;
    private readonly TimeProvider timeProvider;
    private readonly Dictionary<string, Axis> axes = new(StringComparer.Ordinal);
    private readonly Axis[] axisList; // the same axes, for the byte path's lookup without a string
    private readonly Lock gate = new();
    private int lastError;

    /// <summary>Creates the model at power-on: positions 0, servo per <see cref="SimulatedE727Options.ServoOnAtStart"/>.</summary>
    public SimulatedE727(SimulatedE727Options? options = null, TimeProvider? timeProvider = null)
    {
        this.options = options ?? new SimulatedE727Options();
        this.timeProvider = timeProvider ?? TimeProvider.System;
        foreach (string name in this.options.Axes)
        {
            axes[name] = new Axis { Name = name, Servo = this.options.ServoOnAtStart };
        }

        axisList = [.. axes.Values];
    }

    /// <summary>The options the model runs with.</summary>
    public SimulatedE727Options Options => options;

    /// <summary>Fault switch: read commands but neither execute nor answer them (a hung or unplugged controller).</summary>
    public bool Mute { get; set; }

    /// <summary>Fault switch: answer with every byte but LF and space flipped in its top bit (line noise, wrong baud rate).</summary>
    public bool GarbleReplies { get; set; }

    /// <summary>Command lines received (executed or not), across all sessions.</summary>
    public long LinesReceived => Interlocked.Read(ref linesReceived);

    private long linesReceived;

    /// <summary>Every command line received, in order (for tests that check what went over the wire).</summary>
    public IReadOnlyList<string> Received
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    /// <summary>When true, <see cref="Received"/> records lines; off by default so long runs do not grow memory.</summary>
    public bool RecordLines { get; set; }

    private readonly List<string> received = [];

    /// <summary>
    /// The mechanics behind the servo, when a plant model supplies them: the axis's position (GCS unit) for POS?, in
    /// place of the settle-time ramp. The bench sets it so the controller reports where its plant model really is.
    /// </summary>
    public Func<string, double>? Mechanics { get; set; }

    /// <summary>
    /// Called (under the model's lock) just before MOV, SVO or STP changes any axis's target: mechanics that run on a
    /// clock (<see cref="E727ServoPlant"/>) advance to now with the old targets first, so each target holds exactly as
    /// long as the controller held it.
    /// </summary>
    public Action? TargetsChanging { get; set; }

    /// <summary>The mechanical position of an axis now, GCS unit.</summary>
    public double PositionOf(string axis)
    {
        lock (gate)
        {
            return Mechanics?.Invoke(axis) ?? axes[axis].PositionAt(timeProvider.GetTimestamp(), timeProvider, options.SettleTime);
        }
    }

    /// <summary>The servo target of an axis (what MOV last set, or where STP/SVO held it), GCS unit: the plant model's input.</summary>
    public double TargetOf(string axis)
    {
        lock (gate)
        {
            return axes[axis].Target;
        }
    }

    /// <summary>How many axes the controller has (the length <see cref="CopyTargets"/> fills).</summary>
    public int AxisCount => axisList.Length;

    /// <summary>The position of <paramref name="axis"/> among the controller's axes (its place in <see cref="CopyTargets"/>).</summary>
    /// <exception cref="KeyNotFoundException">No such axis.</exception>
    public int AxisIndex(string axis)
    {
        int index = Array.FindIndex(axisList, a => a.Name == axis);
        return index >= 0 ? index : throw new KeyNotFoundException($"no axis '{axis}'");
    }

    /// <summary>
    /// Every axis's servo target (<see cref="TargetOf(string)"/>), in <see cref="AxisIndex"/> order, read at one instant:
    /// a plant model reads its inputs every bench tick, and a lock and a name lookup per axis were a fifth of that
    /// tick's cost on the controller's side (issue 16).
    /// </summary>
    public void CopyTargets(Span<double> targets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targets.Length, axisList.Length, nameof(targets));
        lock (gate)
        {
            for (int i = 0; i < axisList.Length; i++)
            {
                targets[i] = axisList[i].Target;
            }
        }
    }

    /// <summary>
    /// Executes one command line (without its LF; its bytes read as Latin-1, as the wire's are) and returns the reply
    /// bytes (LF-terminated, multi-line replies joined by "SP LF"), or null when the controller does not answer (a set
    /// command, a failed query, <see cref="Mute"/>).
    /// </summary>
    public byte[]? Execute(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return Execute(Encoding.Latin1.GetBytes(line));
    }

    /// <summary>
    /// Executes one command line as its bytes (without its LF), as <see cref="Execute(string)"/> does. The set commands
    /// (MOV, SVO: a fine loop sends 2000 MOVs a second) are parsed from the bytes without allocating; the rare ones
    /// (queries, STP) go through a string.
    /// </summary>
    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public byte[]? Execute(ReadOnlySpan<byte> line)
    {
        Interlocked.Increment(ref linesReceived);
        if (Mute)
        {
            return null;
        }

        string? reply;
        lock (gate)
        {
            if (RecordLines)
            {
                received.Add(Encoding.Latin1.GetString(line));
            }

            reply = Dispatch(line);
        }

        if (reply is null)
        {
            return null;
        }

        byte[] bytes = Encoding.ASCII.GetBytes(reply);
        if (GarbleReplies)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] is not (byte)'\n' and not (byte)' ')
                {
                    bytes[i] ^= 0x80;
                }
            }
        }

        return bytes;
    }

    /// <summary>A command line longer than the controller's buffer (error 3, PI_CNTR_COMMAND_TOO_LONG).</summary>
    public void RejectTooLong()
    {
        Interlocked.Increment(ref linesReceived);
        lock (gate)
        {
            lastError = 3;
        }
    }

    private string? Dispatch(ReadOnlySpan<byte> line)
    {
        var tokens = new SpaceSeparatedTokens(line);
        if (!tokens.TryNext(out ReadOnlySpan<byte> mnemonic))
        {
            return null;
        }

        // GCS mnemonics are case-insensitive here as in the string path (ToUpperInvariant of a Latin-1 string is
        // "MOV" only for ASCII m, o, v in either case).
        if (IsMnemonic(mnemonic, (byte)'M', (byte)'O', (byte)'V'))
        {
            return SetPairs(tokens.Rest, timeProvider.GetTimestamp(), servo: false);
        }

        if (IsMnemonic(mnemonic, (byte)'S', (byte)'V', (byte)'O'))
        {
            return SetPairs(tokens.Rest, timeProvider.GetTimestamp(), servo: true);
        }

        return Dispatch(Encoding.Latin1.GetString(line));
    }

    /// <summary>
    /// A three-letter mnemonic, ASCII letters in either case (what <c>Ascii.EqualsIgnoreCase</c> would say for these
    /// upper-case letters), compared inline: a call into the framework per fine-loop MOV for three bytes is not worth it.
    /// </summary>
    private static bool IsMnemonic(ReadOnlySpan<byte> token, byte a, byte b, byte c) =>
        token.Length == 3 && (token[0] & ~0x20) == a && (token[1] & ~0x20) == b && (token[2] & ~0x20) == c;

    /// <summary>The rarely sent commands (queries, STP), from the line as a string.</summary>
    private string? Dispatch(string line)
    {
        string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return null;
        }

        string mnemonic = parts[0].ToUpperInvariant();
        ReadOnlySpan<string> args = parts.AsSpan(1);
        long now = timeProvider.GetTimestamp();
        switch (mnemonic)
        {
            case "*IDN?":
                return options.Identification + "\n";
            case "ERR?":
                int code = lastError;
                lastError = 0;
                return code.ToString(CultureInfo.InvariantCulture) + "\n";
            case "STP":
                TargetsChanging?.Invoke();
                foreach (Axis axis in axes.Values)
                {
                    axis.StopAt(now, timeProvider, options.SettleTime);
                }

                lastError = 10;
                return null;
            case "SVO?":
                return QueryAxes(args, a => a.Servo ? "1" : "0");
            case "MOV?":
                return QueryAxes(args, a => Number(a.Target));
            case "POS?":
                return Mechanics is null
                    ? QueryAxes(args, a => Number(a.PositionAt(now, timeProvider, options.SettleTime)))
                    : QueryAxes(args, a => Number(Mechanics(a.Name)));
            case "ONT?":
                return QueryAxes(args, a => a.OnTargetAt(now, timeProvider, options.SettleTime) ? "1" : "0");
            case "TMN?":
                return QueryAxes(args, _ => Number(options.MinPosition));
            case "TMX?":
                return QueryAxes(args, _ => Number(options.MaxPosition));
            case "PUN?":
                return QueryAxes(args, _ => options.Unit);
            default:
                lastError = 2;
                return null;
        }
    }

    /// <summary>
    /// MOV or SVO: axis/value pairs. Every pair is validated before anything changes (a refused command has no effect on
    /// any axis); the first bad pair sets its error (PZ233E): 1 syntax, 15 unknown axis, 17 SVO value not 0/1, 5 MOV
    /// with servo off, 7 MOV outside the travel limits.
    /// </summary>
    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? SetPairs(ReadOnlySpan<byte> args, long now, bool servo)
    {
        int count = SpaceSeparatedTokens.Count(args);
        if (count == 0 || count % 2 != 0)
        {
            lastError = 1;
            return null;
        }

        int pairs = count / 2;
        const int OnStack = 8; // a tip/tilt MOV has two pairs; a longer line is legal, just not hot
        Span<int> axisIndices = pairs <= OnStack ? stackalloc int[OnStack] : new int[pairs];
        Span<double> values = pairs <= OnStack ? stackalloc double[OnStack] : new double[pairs];
        var tokens = new SpaceSeparatedTokens(args);
        for (int i = 0; i < pairs; i++)
        {
            tokens.TryNext(out ReadOnlySpan<byte> name);
            tokens.TryNext(out ReadOnlySpan<byte> number);
            int index = IndexOfAxis(name);
            if (index < 0)
            {
                lastError = 15;
                return null;
            }

            if (!GcsDecimalParser.TryParse(number, out double value) || !double.IsFinite(value))
            {
                lastError = 1;
                return null;
            }

            if (servo && value is not (0 or 1))
            {
                lastError = 17;
                return null;
            }

            if (!servo && !axisList[index].Servo)
            {
                lastError = 5;
                return null;
            }

            if (!servo && (value < options.MinPosition || value > options.MaxPosition))
            {
                lastError = 7;
                return null;
            }

            axisIndices[i] = index;
            values[i] = value;
        }

        TargetsChanging?.Invoke();
        for (int i = 0; i < pairs; i++)
        {
            Axis axis = axisList[axisIndices[i]];
            if (servo)
            {
                axis.SetServo(values[i] == 1, now, timeProvider, options.SettleTime);
            }
            else
            {
                axis.MoveTo(values[i], now, timeProvider, options.SettleTime);
            }
        }

        return null;
    }

    /// <summary>The axis named by <paramref name="name"/> (Latin-1 bytes, compared as the string path's chars), or -1.</summary>
    private int IndexOfAxis(ReadOnlySpan<byte> name)
    {
        for (int i = 0; i < axisList.Length; i++)
        {
            string axisName = axisList[i].Name;
            if (axisName.Length != name.Length)
            {
                continue;
            }

            int c = 0;
            while (c < name.Length && name[c] == axisName[c])
            {
                c++;
            }

            if (c == name.Length)
            {
                return i;
            }
        }

        return -1;
    }

    private string? QueryAxes(ReadOnlySpan<string> args, Func<Axis, string> value)
    {
        var names = args.Length == 0 ? options.Axes.ToArray() : args.ToArray();
        var reply = new StringBuilder();
        for (int i = 0; i < names.Length; i++)
        {
            if (!axes.TryGetValue(names[i], out Axis? axis))
            {
                lastError = 15;
                return null;
            }

            reply.Append(names[i]).Append('=').Append(value(axis)).Append(i < names.Length - 1 ? " \n" : "\n");
        }

        return reply.ToString();
    }

    private static string Number(double value) => value.ToString("+0.0000000;-0.0000000", CultureInfo.InvariantCulture);

    private sealed class Axis
    {
        public required string Name { get; init; }

        public bool Servo { get; set; }

        public double Target { get; private set; }

        private double start;
        private long moveTimestamp;

        public double PositionAt(long now, TimeProvider clock, TimeSpan settle)
        {
            double fraction = settle <= TimeSpan.Zero ? 1 : Math.Min(1.0, clock.GetElapsedTime(moveTimestamp, now) / settle);
            return start + ((Target - start) * fraction);
        }

        public bool OnTargetAt(long now, TimeProvider clock, TimeSpan settle) => clock.GetElapsedTime(moveTimestamp, now) >= settle;

        public void MoveTo(double target, long now, TimeProvider clock, TimeSpan settle)
        {
            start = PositionAt(now, clock, settle);
            Target = target;
            moveTimestamp = now;
        }

        public void StopAt(long now, TimeProvider clock, TimeSpan settle)
        {
            double here = PositionAt(now, clock, settle);
            start = here;
            Target = here;
            moveTimestamp = now - (long)(settle.TotalSeconds * clock.TimestampFrequency);
        }

        public void SetServo(bool on, long now, TimeProvider clock, TimeSpan settle)
        {
            // Switching servo on holds the current position as the target (E727T0005: no jump on servo-on).
            StopAt(now, clock, settle);
            Servo = on;
        }
    }
}
