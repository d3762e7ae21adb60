namespace JinanOnboard.Studies.MdiFeasibility.Study;

/// <summary>How windows are cut and counted.</summary>
public sealed record MdiStudyOptions
{
    /// <summary>Intensity-optimisation slot, seconds (models.md §11: 5-25 s).</summary>
    public double SlotS { get; init; } = 10;

    /// <summary>Geometry and key sampling step, seconds.</summary>
    public double SampleStepS { get; init; } = 1;

    /// <summary>
    /// Pulse-pair rate, Hz. Assumed: the study gives no MDI source rate; 100 MHz is Micius's QKD source rate (system.md).
    /// </summary>
    public double PulseRateHz { get; init; } = 1e8;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming a bad option.</summary>
    public void Validate()
    {
        if (SlotS is < 5 or > 25 || double.IsNaN(SlotS))
        {
            throw new ArgumentOutOfRangeException(nameof(SlotS), SlotS, "the optimisation slot must be 5-25 s (models.md §11)");
        }

        if (SampleStepS <= 0 || SampleStepS > SlotS || double.IsNaN(SampleStepS))
        {
            throw new ArgumentOutOfRangeException(nameof(SampleStepS), SampleStepS, "the sample step must be in (0, slot]");
        }

        if (!(PulseRateHz > 0) || double.IsInfinity(PulseRateHz))
        {
            throw new ArgumentOutOfRangeException(nameof(PulseRateHz), PulseRateHz, "the pulse rate must be a positive number of Hz");
        }
    }
}
