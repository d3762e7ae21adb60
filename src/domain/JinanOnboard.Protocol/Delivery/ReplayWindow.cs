namespace JinanOnboard.Protocol.Delivery;

/// <summary>
/// Sliding-window replay filter over the peer's frame sequence numbers (in the manner of the
/// IPsec anti-replay window, RFC 4303 §3.4.3): a number is accepted once, and only if it is
/// newer than the highest seen or within the window below it.
/// </summary>
internal sealed class ReplayWindow
{
    public const int Size = 4096;

    private readonly ulong[] _bits = new ulong[Size / 64];
    private ulong _highest;

    /// <summary>Result of checking a sequence number.</summary>
    public enum Verdict
    {
        Accepted,
        Duplicate,
        TooOld,
    }

    public Verdict Check(ulong sequence)
    {
        if (sequence == 0)
        {
            return Verdict.TooOld;
        }

        if (sequence > _highest)
        {
            ulong shift = sequence - _highest;
            if (shift >= Size)
            {
                Array.Clear(_bits);
            }
            else
            {
                for (ulong s = _highest + 1; s < sequence; s++)
                {
                    Clear(s);
                }
            }

            _highest = sequence;
            Set(sequence);
            return Verdict.Accepted;
        }

        if (_highest - sequence >= Size)
        {
            return Verdict.TooOld;
        }

        if (IsSet(sequence))
        {
            return Verdict.Duplicate;
        }

        Set(sequence);
        return Verdict.Accepted;
    }

    private void Set(ulong s) => _bits[(s % Size) / 64] |= 1UL << (int)(s % 64);

    private void Clear(ulong s) => _bits[(s % Size) / 64] &= ~(1UL << (int)(s % 64));

    private bool IsSet(ulong s) => (_bits[(s % Size) / 64] & (1UL << (int)(s % 64))) != 0;
}
