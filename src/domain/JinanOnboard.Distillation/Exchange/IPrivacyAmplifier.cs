namespace JinanOnboard.Distillation.Exchange;

/// <summary>
/// Privacy amplification by Toeplitz hashing (issue 3 item 7): for n input bits x and m output bits
/// the seed s has n+m−1 bits and y[i] = XOR over j of s[i − j + n − 1] AND x[j]; packed bits follow
/// the project convention.
/// </summary>
public interface IPrivacyAmplifier
{
    /// <summary>Hashes <paramref name="inputBits"/> bits of <paramref name="input"/> to <paramref name="outputBits"/> bits.</summary>
    void Apply(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> input, int inputBits, Span<byte> output, int outputBits);
}
