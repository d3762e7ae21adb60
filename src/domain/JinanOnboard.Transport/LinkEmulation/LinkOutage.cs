namespace JinanOnboard.Transport.LinkEmulation;

/// <summary>
/// An interval [<see cref="Start"/>, <see cref="End"/>) of link time (the pass clock, else time since the emulation
/// started; <see cref="LinkDirectionOptions.PassClock"/>) during which every
/// chunk is dropped: a cloud, a loss of lock.
/// </summary>
public readonly record struct LinkOutage(TimeSpan Start, TimeSpan End)
{
    /// <summary>Whether <paramref name="linkTime"/> falls inside this half-open interval.</summary>
    public bool Contains(TimeSpan linkTime) => linkTime >= Start && linkTime < End;
}
