using JinanOnboard.Config.Model;

namespace JinanOnboard.Cli.Bench;

/// <summary>What `jinan bench` was asked to do.</summary>
internal sealed record BenchRequest(
    string ConfigArgument,
    FirmwareConfiguration Configuration,
    ulong Seed,
    string Transport,
    string OutputDirectory,
    bool Realtime,
    double? DurationOverrideS,
    bool Json)
{
    /// <summary>Optional fault drill: kill one side (SIGKILL) after a delay.</summary>
    public FaultDrill? KillAfter { get; init; }

    /// <summary>Optional fault drill: send one side SIGTERM (a supervisor's stop) after a delay; it closes its session and ends interrupted.</summary>
    public FaultDrill? TerminateAfter { get; init; }

    /// <summary>
    /// Where the identities (keys/) and both key stores (payload/, ground/) live. Null: the output directory, whose
    /// stores each bench run replaces. Set (jinan campaign): the stores are kept, so a later bench with the same store
    /// directory is the next contact between the same payload and OGS.
    /// </summary>
    public string? StoreDirectory { get; init; }

    /// <summary>Where <c>--plot</c> writes bench.png after the pass (null: no picture).</summary>
    public string? PlotDirectory { get; init; }

    /// <summary>Record both sides' seams to OUT/payload.jrec and OUT/ground.jrec (protocol-spec/recording-seam.md).</summary>
    public bool Record { get; init; }

    /// <summary>--devices-profile: the HIL profile (full path) both firmware processes open their addressed fine mirrors from, or null.</summary>
    public string? DevicesProfile { get; init; }
}

/// <summary>A fault drill: signal <see cref="Side"/> (payload or ground) <see cref="AfterS"/> seconds after it starts.</summary>
internal sealed record FaultDrill(string Side, double AfterS)
{
    public static FaultDrill? Parse(string? text, string option = "--kill-after")
    {
        if (text is null)
        {
            return null;
        }

        string[] parts = text.Split(':');
        if (parts.Length != 2 || parts[0] is not ("payload" or "ground")
            || !double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double seconds)
            || seconds < 0 || seconds > 3600)
        {
            throw new UserErrorException($"{option} '{text}': expected payload:SECONDS or ground:SECONDS");
        }

        return new FaultDrill(parts[0], seconds);
    }
}
