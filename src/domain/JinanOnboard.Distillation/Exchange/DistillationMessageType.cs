namespace JinanOnboard.Distillation.Exchange;

/// <summary>
/// Kinds of distillation message exchanged between the OGS (ground) and the payload. The numeric
/// values are on the wire (protocol-spec/distillation.md); never renumber them.
/// </summary>
public enum DistillationMessageType : byte
{
    /// <summary>Ground → payload, step 2: the original key information of one round of detections.</summary>
    KeyInformation = 1,

    /// <summary>Payload → ground, step 3: basis-comparison results and intensities of one round.</summary>
    SiftResult = 2,

    /// <summary>Payload → ground, step 3: the reconciliation syndrome and verification hash of one packet.</summary>
    Syndrome = 3,

    /// <summary>Ground → payload, step 4: the signed final key generation (privacy amplification) instruction.</summary>
    PaInstruction = 4,

    /// <summary>Payload → ground, step 5: signed feedback with the CRC of the payload's final key.</summary>
    Feedback = 5,

    /// <summary>Ground → payload, after step 6: commit or discard the pending final key of a block.</summary>
    Commit = 6,

    /// <summary>Payload → ground at a contact's start: keys of earlier passes still pending on the payload.</summary>
    SettleQuery = 7,

    /// <summary>Ground → payload: the decision (stored, not stored, unknown pass) for each queried key.</summary>
    Settlement = 8,
}
