using System.Numerics;

namespace JinanOnboard.Distillation.Exchange.Messages;

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
    /// <remarks>
    /// Bits gather in a 64-bit accumulator and leave four bytes at a time: the OGS encodes ~9 M gaps a pass, and the
    /// bit-at-a-time loop this replaces was ~8 % of its CPU. <paramref name="destination"/> must be
    /// <see cref="EncodedBytes"/> long; every byte of it is written (the padding bits of the last one are zero).
    /// </remarks>
    public static void Encode(ReadOnlySpan<long> sequences, int k, Span<byte> destination)
    {
        var bits = new BitWriter(destination);
        ulong lowMask = (1UL << k) - 1;
        for (int i = 1; i < sequences.Length; i++)
        {
            ulong gap = (ulong)(sequences[i] - sequences[i - 1] - 1);
            ulong q = gap >> k;
            for (; q >= 32; q -= 32)
            {
                bits.Put(uint.MaxValue, 32);
            }

            bits.Put((1UL << (int)q) - 1, (int)q + 1); // q one-bits and the terminating zero-bit
            ulong low = gap & lowMask;
            if (k > 32)
            {
                bits.Put(low & uint.MaxValue, 32);
                bits.Put(low >> 32, k - 32);
            }
            else
            {
                bits.Put(low, k);
            }
        }

        bits.Finish();
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

    /// <summary>LSB-first bit writer: fewer than 32 pending bits between calls, flushed as little-endian 32-bit words.</summary>
    private ref struct BitWriter(Span<byte> destination)
    {
        private readonly Span<byte> _destination = destination;
        private ulong _pending;
        private int _pendingBits;
        private int _nextByte;

        /// <summary>Appends the low <paramref name="count"/> (0..32) bits of <paramref name="value"/>, which has no bits above them.</summary>
        public void Put(ulong value, int count)
        {
            _pending |= value << _pendingBits;
            _pendingBits += count;
            if (_pendingBits >= 32)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(_destination[_nextByte..], (uint)_pending);
                _nextByte += 4;
                _pending >>= 32;
                _pendingBits -= 32;
            }
        }

        /// <summary>Writes the last partial word (zero padding up to the byte) and clears any bytes left after it.</summary>
        public void Finish()
        {
            for (; _pendingBits > 0; _pendingBits -= 8)
            {
                _destination[_nextByte++] = (byte)_pending;
                _pending >>= 8;
            }

            _destination[_nextByte..].Clear();
        }
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
