using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Runtime.Hosting;

namespace JinanOnboard.Firmware.Tests.Hosting;

/// <summary>The signature diagnosis is added only when not one frame from the peer was valid and some failed their signature.</summary>
public sealed class LinkLossExplanationTests
{
    private const string Lost = "Loss of link: no valid frame from the peer for 5.0 s.";

    private static LinkStatisticsSnapshot Link(long received, long badSignature, long badCrc = 0) =>
        new(10, received, badCrc, badSignature, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    [Fact]
    public void Every_frame_failing_its_signature_names_the_peer_public_key_and_own_private_key()
    {
        string text = LinkLossExplanation.Explain(Lost, Link(received: 0, badSignature: 42), "/keys", FirmwareRole.Ground);

        Assert.StartsWith("Loss of link: no valid frame from the peer for 5.0 s: every frame from the payload (42) failed its signature check", text, StringComparison.Ordinal);
        Assert.Contains("/keys/payload.pub is not the payload's public key", text, StringComparison.Ordinal);
        Assert.Contains("the public key of /keys/ground.key", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text);
    }

    [Theory]
    [InlineData(1, 42, 0)] // some frames were valid: the keys match, something else lost the link
    [InlineData(0, 0, 42)] // only noise (bad CRC), nothing reached the signature check
    [InlineData(0, 0, 0)] // silence
    public void Otherwise_the_message_is_unchanged(long received, long badSignature, long badCrc)
    {
        Assert.Equal(Lost, LinkLossExplanation.Explain(Lost, Link(received, badSignature, badCrc), "/keys", FirmwareRole.Payload));
        Assert.Equal(Lost, LinkLossExplanation.Explain(Lost, null, "/keys", FirmwareRole.Payload));
    }
}
