using System.Globalization;

namespace JinanOnboard.Distillation.Exchange;

/// <summary>
/// How the sampled QBER estimate becomes the QBERs reconciliation works with (configuration section
/// <c>distillation.reconciliation</c>; protocol-spec/distillation.md §Syndrome). All values are QBERs as fractions of
/// bits (0.002 = 0.2 percentage points). Each side clamps once: the payload its window estimate, which it then sends as
/// <c>qber_ppm</c> and, plus <see cref="QberMargin"/>, chooses the code with; the OGS the <c>qber_ppm</c> it receives,
/// which sets its decoder's channel LLRs. The codec itself never adjusts a QBER.
/// </summary>
public sealed record ReconciliationPolicy
{
    /// <summary>Today's values: a 0.2-point margin, estimates clamped to [0.01 %, 25 %].</summary>
    public static ReconciliationPolicy Default { get; } = new();

    /// <summary>
    /// Added to the clamped estimate before choosing a code (fraction, default 0.002): the estimate comes from a 10 % sample of
    /// a sliding window and has a statistical error (σ ≈ 0.0009 at 1.5 %), and a code chosen too weak fails its packet.
    /// Allowed range [0, 0.5 − <see cref="MaxQber"/>), so that the code book is always asked for a QBER below 0.5.
    /// </summary>
    public double QberMargin { get; init; } = 0.002;

    /// <summary>
    /// Lowest QBER an estimate is clamped to (fraction, default 1e−4): a window without a sampled error estimates 0, and the
    /// decoder's channel LLR ln((1−q)/q) needs q &gt; 0. Allowed range (0, 0.5).
    /// </summary>
    public double MinQber { get; init; } = 1e-4;

    /// <summary>
    /// Highest QBER an estimate is clamped to (fraction, default 0.25): far above the largest code's range (the book then
    /// picks its largest code anyway) and below 0.5, where the channel LLR changes sign. Allowed range (<see cref="MinQber"/>, 0.5).
    /// </summary>
    public double MaxQber { get; init; } = 0.25;

    /// <summary>The estimate limited to [<see cref="MinQber"/>, <see cref="MaxQber"/>]; NaN (no estimate at all) becomes MaxQber, the safe side.</summary>
    public double Clamp(double estimate) => double.IsNaN(estimate) ? MaxQber : Math.Clamp(estimate, MinQber, MaxQber);

    /// <summary>The QBER a code is chosen for: a <see cref="Clamp"/>ed estimate plus <see cref="QberMargin"/>.</summary>
    public double SelectionQber(double clampedEstimate) => clampedEstimate + QberMargin;

    /// <summary>
    /// Null when every field is in its range, else one line naming the first field that is not (by its configuration key
    /// under <c>distillation.reconciliation</c>), its value and its allowed range.
    /// </summary>
    public string? Validate()
    {
        if (!(MinQber > 0 && MinQber < 0.5))
        {
            return Problem("min_qber", MinQber, "(0, 0.5)");
        }

        if (!(MaxQber > MinQber && MaxQber < 0.5))
        {
            return Problem("max_qber", MaxQber, $"(min_qber = {Format(MinQber)}, 0.5)");
        }

        if (!(QberMargin >= 0 && QberMargin < 0.5 - MaxQber))
        {
            return Problem("qber_margin", QberMargin, $"[0, 0.5 − max_qber = {Format(0.5 - MaxQber)})");
        }

        return null;
    }

    private static string Problem(string key, double value, string range) => $"{key} = {Format(value)} is out of range {range}";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
