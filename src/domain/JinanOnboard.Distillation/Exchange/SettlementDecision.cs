namespace JinanOnboard.Distillation.Exchange;

/// <summary>The OGS's answer about a key the payload still holds pending from an earlier pass (wire values, never renumber).</summary>
public enum SettlementDecision : byte
{
    /// <summary>The OGS did not store the key: the payload erases it.</summary>
    NotStored = 0,

    /// <summary>The OGS stored the key: the payload moves it into its key store.</summary>
    Stored = 1,

    /// <summary>This OGS holds no key of that pass (another station ran it, or nothing was stored): keep it pending.</summary>
    UnknownPass = 2,
}
