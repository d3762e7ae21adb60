namespace JinanOnboard.Transport.LinkEmulation;

/// <summary>
/// An interval [<see cref="Start"/>, <see cref="End"/>) of time since the emulation started during which every
/// chunk is dropped: a cloud, a loss of lock.
/// </summary>
public readonly record struct LinkOutage(TimeSpan Start, TimeSpan End)
{
    /// <summary>Whether <paramref name="sinceStart"/> falls inside this half-open interval.</summary>
    public bool Contains(TimeSpan sinceStart) => sinceStart >= Start && sinceStart < End;
}
