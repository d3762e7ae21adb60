using JinanOnboard.Source.Random;

using JinanOnboard.Source;

namespace JinanOnboard.Source.Random;

/// <summary>
/// Pulse choices generated on demand from a 64-bit key with Philox4x32-10 (see
/// <see cref="Philox4x32"/> for the choice of generator). Pulses 2j and 2j+1 share the
/// 128-bit block of counter j: the low 64 bits (words 0, 1) belong to pulse 2j, the high
/// 64 bits (words 2, 3) to pulse 2j+1, each decoded as documented on
/// <see cref="PulseChoiceDecoder"/>. Stateless after construction: O(1) per lookup,
/// allocation-free, thread-safe, memory independent of the pass length.
/// </summary>
public sealed class PhiloxPulseRandomStore : IPulseRandomStore
{
    private readonly PulseChoiceDecoder _decoder;
    private readonly uint _key0;
    private readonly uint _key1;

    /// <summary>Creates the store for one pass.</summary>
    /// <param name="key">Pass key; different keys give independent pulse sequences.</param>
    /// <param name="configuration">Source configuration supplying the intensity and basis probabilities.</param>
    /// <exception cref="ArgumentException">The configuration is invalid.</exception>
    public PhiloxPulseRandomStore(ulong key, SourceConfiguration configuration)
    {
        _decoder = new PulseChoiceDecoder(configuration);
        _key0 = (uint)key;
        _key1 = (uint)(key >> 32);
    }

    /// <summary>Counter space is 2^64 blocks of two pulses; every non-negative long is answerable.</summary>
    public long PulseCapacity => long.MaxValue;

    /// <summary>Exact probability of each intensity index after the 32-bit threshold mapping.</summary>
    public double RealisedIntensityProbability(int intensityIndex) => _decoder.RealisedIntensityProbability(intensityIndex);

    /// <inheritdoc />
    public PulseChoice GetChoice(long sequenceNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequenceNumber);
        return _decoder.Decode(RawWord(sequenceNumber));
    }

    /// <inheritdoc />
    public void GetChoices(long firstSequence, Span<PulseChoice> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstSequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)destination.Length, long.MaxValue - firstSequence, nameof(destination));
        int index = 0;
        long sequence = firstSequence;
        if ((sequence & 1) != 0 && destination.Length > 0)
        {
            destination[index++] = _decoder.Decode(RawWord(sequence++));
        }

        // Whole blocks: one Philox evaluation yields two pulses.
        while (destination.Length - index >= 2)
        {
            ulong counter = (ulong)sequence >> 1;
            Philox4x32.Block((uint)counter, (uint)(counter >> 32), 0, 0, _key0, _key1, out uint w0, out uint w1, out uint w2, out uint w3);
            destination[index] = _decoder.Decode(w0 | ((ulong)w1 << 32));
            destination[index + 1] = _decoder.Decode(w2 | ((ulong)w3 << 32));
            index += 2;
            sequence += 2;
        }

        if (index < destination.Length)
        {
            destination[index] = _decoder.Decode(RawWord(sequence));
        }
    }

    /// <inheritdoc />
    /// <remarks>Four pulses at a time through <see cref="Philox4x32.Block4"/> where AVX2 is available; same words as one by one.</remarks>
    public void GetChoicesAt(ReadOnlySpan<long> sequenceNumbers, Span<PulseChoice> destination)
    {
        if (destination.Length < sequenceNumbers.Length)
        {
            throw new ArgumentException("destination must hold one choice per sequence number", nameof(destination));
        }

        int i = 0;
        if (Philox4x32.IsVectorized)
        {
            Span<ulong> words = stackalloc ulong[4];
            int whole = sequenceNumbers.Length & ~3;
            for (; i < whole; i += 4)
            {
                ReadOnlySpan<long> four = sequenceNumbers.Slice(i, 4);
                if ((four[0] | four[1] | four[2] | four[3]) < 0)
                {
                    break; // the scalar loop below throws for the negative one
                }

                Philox4x32.Block4(four, _key0, _key1, words);
                Span<PulseChoice> out4 = destination.Slice(i, 4);
                out4[0] = _decoder.Decode(words[0]);
                out4[1] = _decoder.Decode(words[1]);
                out4[2] = _decoder.Decode(words[2]);
                out4[3] = _decoder.Decode(words[3]);
            }
        }

        for (; i < sequenceNumbers.Length; i++)
        {
            destination[i] = GetChoice(sequenceNumbers[i]);
        }
    }

    /// <summary>The raw 64-bit word of one pulse (exposed to tests to check the layout).</summary>
    internal ulong RawWord(long sequenceNumber)
    {
        ulong counter = (ulong)sequenceNumber >> 1;
        Philox4x32.Block((uint)counter, (uint)(counter >> 32), 0, 0, _key0, _key1, out uint w0, out uint w1, out uint w2, out uint w3);
        return (sequenceNumber & 1) == 0 ? w0 | ((ulong)w1 << 32) : w2 | ((ulong)w3 << 32);
    }
}
