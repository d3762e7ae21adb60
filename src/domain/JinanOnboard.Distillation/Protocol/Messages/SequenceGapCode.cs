using System.Numerics;

namespace JinanOnboard.Distillation.Protocol.Messages;

/// <summary>
/// The Golomb–Rice code (Golomb 1966, "Run-length encodings"; Rice 1979) of the gaps between the
/// detected pulses of a round (protocol-spec/distillation.md §KeyInformation). Detections are
/// nearly a Bernoulli thinning of the pulse train, so the gaps are close to geometric, for which a
/// Rice code with 2^k near the mean gap is within a few percent of the entropy: ~16.3 bits per
/// detection at the default pass's mean gap of ~21 000 pulses, against ~19.7 for the LEB128 varint
/// used before (2 or 3 bytes per gap): the default pass's uplink went from 24.1 to 21.0 MB.
/// Bit j of the field is <c>(b[j &gt;&gt; 3] &gt;&gt; (j &amp; 7)) &amp; 1</c>, the project's convention.
/// </summary>
internal static class SequenceGapCode
{
    /// <summary>Largest Rice parameter k (a gap's k low bits are read in one refill of 57+ bits).</summary>
    public const int MaxParameter = 56;

    /// <summary>k = ⌊log2(mean gap)⌋ (0 below a mean of 2): near optimal for geometric gaps.</summary>
    public static int ChooseParameter(ReadOnlySpan<long> sequences)
    {
        if (sequences.Length < 2)
        {
            return 0;
        }

        ulong gapSum = (ulong)(sequences[^1] - sequences[0]) - (ulong)(sequences.Length - 1);
        ulong mean = gapSum / (ulong)(sequences.Length - 1);
        return mean < 2 ? 0 : Math.Min(MaxParameter, BitOperations.Log2(mean));
    }

    /// <summary>Bytes the gaps of <paramref name="sequences"/> take with parameter <paramref name="k"/>.</summary>
    public static int EncodedBytes(ReadOnlySpan<long> sequences, int k)
    {
        long bits = 0;
        for (int i = 1; i < sequences.Length; i++)
        {
            ulong gap = (ulong)(sequences[i] - sequences[i - 1] - 1);
            bits += (long)(gap >> k) + 1 + k;
        }

        long bytes = (bits + 7) / 8;
        return bytes <= int.MaxValue ? (int)bytes : throw new ArgumentException("sequence gaps too irregular to encode in one message", nameof(sequences));
    }

    /// <summary>Writes the gaps: per gap, q = gap &gt;&gt; k one-bits, a zero-bit, then the k low bits of the gap.</summary>
    public static void Encode(ReadOnlySpan<long> sequences, int k, Span<byte> destination)
    {
        destination.Clear();
        long position = 0;
        ulong lowMask = (1UL << k) - 1;
        for (int i = 1; i < sequences.Length; i++)
        {
            ulong gap = (ulong)(sequences[i] - sequences[i - 1] - 1);
            for (ulong q = gap >> k; q > 0; q--)
            {
                destination[(int)(position >> 3)] |= (byte)(1 << (int)(position & 7));
                position++;
            }

            position++; // the terminating zero-bit
            ulong low = gap & lowMask;
            for (int bit = 0; bit < k; bit++, position++)
            {
                if (((low >> bit) & 1) != 0)
                {
                    destination[(int)(position >> 3)] |= (byte)(1 << (int)(position & 7));
                }
            }
        }
    }

    /// <summary>
    /// Reads sequences[1..] from the gaps after sequences[0]; returns the bytes consumed. Null when the
    /// field is malformed (truncated, a sequence above 2^63 − 1, or non-zero padding bits), with the
    /// reason in <paramref name="problem"/>.
    /// </summary>
    public static int? Decode(ReadOnlySpan<byte> field, int k, Span<long> sequences, out string? problem)
    {
        var bits = new BitReader(field);
        for (int i = 1; i < sequences.Length; i++)
        {
            long previous = sequences[i - 1];
            long maxGap = long.MaxValue - previous - 1;
            if (!bits.TryReadUnary((ulong)maxGap >> k, out ulong q) || !bits.TryRead(k, out ulong low))
            {
                problem = "sequence gaps truncated or a sequence number overflows 63 bits";
                return null;
            }

            ulong gap = (q << k) | low;
            if (gap > (ulong)maxGap)
            {
                problem = "sequence number overflows 63 bits";
                return null;
            }

            sequences[i] = previous + (long)gap + 1;
        }

        if (!bits.RestOfByteIsZero())
        {
            problem = "sequence gaps have non-zero padding bits";
            return null;
        }

        problem = null;
        return bits.BytesConsumed;
    }

    /// <summary>LSB-first bit reader with a 64-bit window.</summary>
    private ref struct BitReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _nextByte;
        private ulong _window;
        private int _windowBits;

        public readonly int BytesConsumed => _nextByte - (_windowBits / 8);

        /// <summary>Counts one-bits up to the next zero-bit (consumed); false past the data or above <paramref name="max"/>.</summary>
        public bool TryReadUnary(ulong max, out ulong count)
        {
            count = 0;
            while (true)
            {
                Refill();
                if (_windowBits == 0)
                {
                    return false;
                }

                int ones = BitOperations.TrailingZeroCount(~_window);
                if (ones < _windowBits)
                {
                    count += (ulong)ones;
                    Consume(ones + 1);
                    return count <= max;
                }

                count += (ulong)_windowBits;
                Consume(_windowBits);
                if (count > max)
                {
                    return false;
                }
            }
        }

        public bool TryRead(int bitCount, out ulong value)
        {
            value = 0;
            if (bitCount == 0)
            {
                return true;
            }

            Refill();
            if (_windowBits < bitCount)
            {
                return false;
            }

            value = _window & ((1UL << bitCount) - 1);
            Consume(bitCount);
            return true;
        }

        /// <summary>True when the bits left in the current byte (padding) are all zero.</summary>
        public readonly bool RestOfByteIsZero() => (_window & ((1UL << (_windowBits % 8)) - 1)) == 0;

        private void Refill()
        {
            while (_windowBits <= 56 && _nextByte < _data.Length)
            {
                _window |= (ulong)_data[_nextByte++] << _windowBits;
                _windowBits += 8;
            }
        }

        private void Consume(int count)
        {
            _window = count == 64 ? 0 : _window >> count;
            _windowBits -= count;
        }
    }
}
