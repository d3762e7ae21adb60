namespace JinanOnboard.Source;

/// <summary>
/// The random numbers that chose every pulse of a pass, addressable by pulse sequence number.
/// The payload keeps them so it can answer the OGS, which names detected pulses by sequence
/// number (system.md, real-time key distillation step 3). Implementations are thread-safe and
/// answer any sequence number in O(1) without holding a table for the whole pass.
/// </summary>
public interface IPulseRandomStore
{
    /// <summary>Number of pulses the store can answer (sequence numbers 0 .. PulseCapacity - 1).</summary>
    long PulseCapacity { get; }

    /// <summary>The choice of pulse <paramref name="sequenceNumber"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sequence number is negative or beyond <see cref="PulseCapacity"/>.</exception>
    PulseChoice GetChoice(long sequenceNumber);

    /// <summary>
    /// Writes the choices of pulses <paramref name="firstSequence"/> .. firstSequence + destination.Length - 1
    /// into <paramref name="destination"/>; identical to calling <see cref="GetChoice"/> for each.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Part of the range lies outside 0 .. PulseCapacity - 1.</exception>
    void GetChoices(long firstSequence, Span<PulseChoice> destination);

    /// <summary>
    /// Writes the choices of the pulses named in <paramref name="sequenceNumbers"/> (any order) into
    /// <paramref name="destination"/>; identical to calling <see cref="GetChoice"/> for each. The sifting payload and the
    /// channel simulation look up millions of scattered pulses a pass: a store may answer a batch faster (SIMD).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="sequenceNumbers"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A sequence number lies outside 0 .. PulseCapacity - 1.</exception>
    void GetChoicesAt(ReadOnlySpan<long> sequenceNumbers, Span<PulseChoice> destination)
    {
        if (destination.Length < sequenceNumbers.Length)
        {
            throw new ArgumentException("destination must hold one choice per sequence number", nameof(destination));
        }

        for (int i = 0; i < sequenceNumbers.Length; i++)
        {
            destination[i] = GetChoice(sequenceNumbers[i]);
        }
    }
}
