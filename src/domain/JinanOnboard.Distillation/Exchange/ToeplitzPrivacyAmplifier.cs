using JinanOnboard.Distillation.PrivacyAmplification;

namespace JinanOnboard.Distillation.Exchange;

/// <summary>The production <see cref="IPrivacyAmplifier"/>: <see cref="ToeplitzHash.Apply"/>.</summary>
public sealed class ToeplitzPrivacyAmplifier : IPrivacyAmplifier
{
    /// <summary>The shared stateless instance.</summary>
    public static ToeplitzPrivacyAmplifier Instance { get; } = new();

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> input, int inputBits, Span<byte> output, int outputBits) =>
        ToeplitzHash.Apply(seed, input, inputBits, output, outputBits);
}
