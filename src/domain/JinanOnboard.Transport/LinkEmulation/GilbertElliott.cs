namespace JinanOnboard.Transport.LinkEmulation;

/// <summary>
/// Two-state Markov burst-loss model (Gilbert 1960, Elliott 1963), stepped once per chunk: before each chunk the
/// state moves good→bad with <see cref="PGoodToBad"/> and bad→good with <see cref="PBadToGood"/>; the chunk is then
/// lost with the current state's loss probability.
/// </summary>
/// <param name="PGoodToBad">Probability per chunk of entering the bad state from the good one.</param>
/// <param name="PBadToGood">Probability per chunk of leaving the bad state (mean bad run = 1 / this, in chunks).</param>
/// <param name="LossInGood">Loss probability of a chunk sent in the good state (often 0).</param>
/// <param name="LossInBad">Loss probability of a chunk sent in the bad state (often 1 for a fade).</param>
public sealed record GilbertElliott(double PGoodToBad, double PBadToGood, double LossInGood, double LossInBad)
{
    /// <summary>No loss at all.</summary>
    public static GilbertElliott None { get; } = new(0, 1, 0, 0);

    /// <summary>True when some chunk may be lost; otherwise the chain is not stepped and draws nothing.</summary>
    internal bool CanLose => LossInGood > 0 || LossInBad > 0;

    /// <summary>Stationary probability of the bad state: π_B = p_gb / (p_gb + p_bg).</summary>
    public double StationaryBadProbability => PGoodToBad + PBadToGood == 0 ? 0 : PGoodToBad / (PGoodToBad + PBadToGood);

    /// <summary>Long-run chunk loss rate: π_G·h_G + π_B·h_B.</summary>
    public double StationaryLossRate => ((1 - StationaryBadProbability) * LossInGood) + (StationaryBadProbability * LossInBad);

    /// <summary>Mean length of a bad-state run in chunks, 1 / p_bg (geometric sojourn).</summary>
    public double MeanBadRunChunks => 1 / PBadToGood;

    internal void Validate()
    {
        foreach ((double value, string name) in new[] { (PGoodToBad, nameof(PGoodToBad)), (PBadToGood, nameof(PBadToGood)), (LossInGood, nameof(LossInGood)), (LossInBad, nameof(LossInBad)) })
        {
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                throw new ArgumentOutOfRangeException(name, value, $"Gilbert-Elliott {name} must be a probability in [0, 1].");
            }
        }
    }
}
