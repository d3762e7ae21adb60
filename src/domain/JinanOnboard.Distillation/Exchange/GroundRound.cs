using JinanOnboard.Distillation.Sifting;
using JinanOnboard.Source;

namespace JinanOnboard.Distillation.Exchange;

/// <summary>Detections of one key-information round as the OGS keeps them until the sift result arrives.</summary>
internal sealed class GroundRound
{
    public GroundRound(uint index, bool isFinal, int count, byte[] bases, byte[] bits, byte[] sampled)
    {
        Index = index;
        IsFinal = isFinal;
        Count = count;
        Bases = bases;
        Bits = bits;
        Sampled = sampled;
    }

    public uint Index { get; }

    public bool IsFinal { get; }

    /// <summary>Packed measurement bases (1 = X).</summary>
    public byte[] Bases { get; }

    /// <summary>Packed measured bits of every detection.</summary>
    public byte[] Bits { get; }

    /// <summary>Packed sampled flags.</summary>
    public byte[] Sampled { get; }

    /// <summary>Detections in the round (their sequence numbers went out in the key information and are not kept).</summary>
    public int Count { get; }

    public PulseBasis BasisOf(int i) => (PulseBasis)PackedBits.Get(Bases, i);

    /// <summary>The step-2 message: all sequences and bases, the sampled flags and the sampled bits only.</summary>
    public byte[] EncodeKeyInformation(ReadOnlySpan<long> sequences)
    {
        var sampledBits = new byte[PackedBits.ByteCount(PackedBits.PopCount(Sampled))];
        int s = 0;
        for (int i = 0; i < Count; i++)
        {
            if (PackedBits.Get(Sampled, i) != 0)
            {
                PackedBits.Set(sampledBits, s++, PackedBits.Get(Bits, i));
            }
        }

        return Messages.KeyInformationMessage.Encode(Index, IsFinal, sequences, Bases, Sampled, sampledBits);
    }
}
