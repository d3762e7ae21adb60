namespace JinanOnboard.Primitives.TimeTags;

/// <summary>
/// Where the 9.5 kHz synchronisation words sit in the pulse train (system.md, time synchronisation).
/// The payload emits sync word k together with pulse k * <see cref="PulsesPerSyncWord"/>, so the OGS
/// can name every detection by its pulse sequence number once it has recovered the sync clock.
/// 625 MHz / 65 789 = 9 500.07 Hz: the nearest whole number of pulses to a 9.5 kHz period.
/// </summary>
public static class SyncSchedule
{
    /// <summary>Pulse slots between consecutive sync words.</summary>
    public const long PulsesPerSyncWord = 65_789;

    /// <summary>Pulse sequence number emitted together with sync word <paramref name="syncIndex"/>.</summary>
    public static long PulseOfSyncWord(long syncIndex) => syncIndex * PulsesPerSyncWord;
}
