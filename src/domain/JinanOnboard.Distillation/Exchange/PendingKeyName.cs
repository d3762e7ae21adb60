namespace JinanOnboard.Distillation.Exchange;

/// <summary>A final key's name in both key stores: the pass it was distilled in and its PA block id.</summary>
public readonly record struct PendingKeyName(string PassId, uint BlockId);
