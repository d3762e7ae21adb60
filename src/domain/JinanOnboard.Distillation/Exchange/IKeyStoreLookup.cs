namespace JinanOnboard.Distillation.Exchange;

/// <summary>The OGS's answer to a settlement query, from its own key store.</summary>
public interface IKeyStoreLookup
{
    /// <summary>
    /// <see cref="SettlementDecision.Stored"/> when the key is stored; <see cref="SettlementDecision.NotStored"/> when the
    /// store holds other keys of that pass but not this one (the OGS ran the pass and decided); otherwise
    /// <see cref="SettlementDecision.UnknownPass"/>.
    /// </summary>
    SettlementDecision Lookup(PendingKeyName name);
}
