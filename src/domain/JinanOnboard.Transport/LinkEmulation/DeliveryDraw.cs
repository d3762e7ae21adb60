namespace JinanOnboard.Transport.LinkEmulation;

/// <summary>
/// How the link delivers one chunk if it survives (transports.md §4.3 steps 5–7): twice, held back behind the next chunk,
/// and how much later than the one-way delay. Drawn for every chunk, so the pattern depends only on the chunk index.
/// </summary>
/// <param name="Duplicate">Deliver a copy right behind the chunk.</param>
/// <param name="HoldBack">Deliver the chunk after the next one (adjacent swap).</param>
/// <param name="Jitter">Extra delay, uniform in [0, <see cref="LinkDirectionOptions.Jitter"/>].</param>
internal readonly record struct DeliveryDraw(bool Duplicate, bool HoldBack, TimeSpan Jitter)
{
    /// <summary>Delivered once, in order, after exactly the one-way delay.</summary>
    public static DeliveryDraw InOrder => default;
}
