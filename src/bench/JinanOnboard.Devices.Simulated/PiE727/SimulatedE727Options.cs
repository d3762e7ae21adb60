namespace JinanOnboard.Devices.Simulated.PiE727;

/// <summary>What the simulated E-727 with its S-330 reports and how it moves.</summary>
public sealed record SimulatedE727Options
{
    /// <summary>
    /// The <c>*IDN?</c> line, in the E-727's format "(c)year Physik Instrumente (PI) GmbH &amp; Co. KG, model, serial,
    /// firmware" (E727T0005, "*IDN?"); serial and firmware here are made up.
    /// </summary>
    public string Identification { get; init; } = "(c)2019 Physik Instrumente (PI) GmbH & Co. KG, E-727, 0119000001, 13.21.00.09";

    /// <summary>GCS axis names (the E-727's logical axes 1, 2; a tip/tilt S-330 uses two).</summary>
    public IReadOnlyList<string> Axes { get; init; } = ["1", "2"];

    /// <summary>Position unit each axis reports (<c>PUN?</c>).</summary>
    public string Unit { get; init; } = "MRAD";

    /// <summary>
    /// Lower travel limit (<c>TMN?</c>), GCS unit. Assumed: ±1 mrad, the closed-loop mechanical tilt range of an
    /// S-330.2SL (2 mrad, PI S-330 datasheet) centred on zero; the range a real controller reports is read at connect.
    /// </summary>
    public double MinPosition { get; init; } = -1.0;

    /// <summary>Upper travel limit (<c>TMX?</c>), GCS unit (assumed, see <see cref="MinPosition"/>).</summary>
    public double MaxPosition { get; init; } = 1.0;

    /// <summary>
    /// Time a closed-loop step takes to reach its target; the position ramps linearly meanwhile and <c>ONT?</c> turns 1
    /// at its end. Assumed (not published for this pairing): 2 ms, of the order of an S-330's settling in closed loop.
    /// </summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Servo state at power-on. The E-727 starts with servo off unless configured otherwise (E727T0005).</summary>
    public bool ServoOnAtStart { get; init; }

    /// <summary>Longest command line accepted; a longer one sets error 3 (command too long).</summary>
    public int MaxLineBytes { get; init; } = 1024;
}
