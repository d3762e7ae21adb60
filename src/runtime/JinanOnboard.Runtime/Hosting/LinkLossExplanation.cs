using JinanOnboard.Protocol.Delivery;

namespace JinanOnboard.Runtime.Hosting;

/// <summary>
/// Why a lost link was lost, when the counters tell more than the loss itself: with mismatched identities every frame
/// fails its signature check, so the side only ever sees "no valid frame", which points at the radio instead of the keys.
/// Composed from the counters after the fact, so the link session's liveness logic stays as it is.
/// </summary>
public static class LinkLossExplanation
{
    /// <summary>
    /// <paramref name="message"/>, followed by the signature diagnosis when not one frame from the peer was valid and some
    /// failed their signature check (frames that fail the CRC never reach the signature check, so noise does not count).
    /// </summary>
    public static string Explain(string message, LinkStatisticsSnapshot? link, string keyDirectory, FirmwareRole role)
    {
        if (link is null || link.FramesReceived != 0 || link.FramesBadSignature == 0)
        {
            return message;
        }

        string own = role == FirmwareRole.Payload ? "payload" : "ground";
        string peer = role == FirmwareRole.Payload ? "ground" : "payload";
        string peerPublic = Path.Combine(keyDirectory, peer + ".pub");
        string ownPrivate = Path.Combine(keyDirectory, own + ".key");
        return $"{message.TrimEnd('.')}: every frame from the {peer} ({link.FramesBadSignature}) failed its signature check, "
            + $"so the identities do not match: {peerPublic} is not the {peer}'s public key, or the {peer} does not hold the "
            + $"public key of {ownPrivate} (give both sides copies of the same key directory, from one `jinan keys init`)";
    }
}
