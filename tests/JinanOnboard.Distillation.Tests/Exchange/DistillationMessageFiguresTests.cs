using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Distillation.Exchange.Messages;
using JinanOnboard.Distillation.Tests.Exchange.TestSupport;

namespace JinanOnboard.Distillation.Tests.Exchange;

/// <summary>The public read of Syndrome and PaInstruction figures that `jinan inspect` uses on recorded links.</summary>
public sealed class DistillationMessageFiguresTests
{
    [Fact]
    public void Syndrome_figures_are_the_decoders_fields_and_a_bad_body_is_false()
    {
        byte[] body = new SyndromeMessage(7, 64, 150, 12_345, 9, [0xFF, 0x01], 11, 12).Encode();
        Assert.True(DistillationMessageFigures.TryReadSyndrome(body, out SyndromeFigures figures));
        Assert.Equal(new SyndromeFigures(7, 64, 150, 12_345), figures);
        Assert.False(DistillationMessageFigures.TryReadSyndrome(body[..^1], out _));
    }

    [Fact]
    public void Pa_instruction_figures_sum_the_classes_behind_an_unchecked_ed25519_signature()
    {
        var authenticator = new HmacAuthenticator(DistillationBench.GroundSigningKey, DistillationBench.PayloadSigningKey);
        byte[] signed = new PaInstructionMessage(3, [0, 1, 4], [10, 5, 1, 9, 4, 1], [1, 1, 0, 0, 1, 1], 20, 8, [0xAB, 0, 0, 0, 0x1F]).Encode(authenticator);
        byte[] body = [.. signed[..^authenticator.SignatureLength], .. new byte[DistillationMessageFigures.Ed25519SignatureBytes]];
        Assert.True(DistillationMessageFigures.TryReadPaInstruction(body, out PaBlockFigures figures));
        Assert.Equal(new PaBlockFigures(3, 3, 30, 4, 20, 8), figures);
        Assert.False(DistillationMessageFigures.TryReadPaInstruction(body[..40], out _));
    }
}
