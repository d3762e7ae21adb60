namespace JinanOnboard.Detection.Sync;

/// <summary>What the clock tracker did with one sync-channel tag.</summary>
internal enum SyncTagOutcome
{
    /// <summary>Not locked yet; the tag is kept as an acquisition candidate.</summary>
    Acquiring,

    /// <summary>This tag completed acquisition; the clock is now locked.</summary>
    Locked,

    /// <summary>Used to update the tracked phase and period.</summary>
    Used,

    /// <summary>Rejected: too far from any predicted sync time, or a duplicate.</summary>
    Spurious,
}
