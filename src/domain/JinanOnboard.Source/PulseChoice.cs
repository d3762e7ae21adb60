namespace JinanOnboard.Source;

/// <summary>Preparation basis of a BB84 pulse.</summary>
public enum PulseBasis : byte
{
    /// <summary>Rectilinear basis (H = bit 0, V = bit 1).</summary>
    Z = 0,

    /// <summary>Diagonal basis (D = bit 0, A = bit 1).</summary>
    X = 1,
}

/// <summary>
/// What the source did in one pulse slot: the intensity (0 = signal, 1 = decoy, 2 = vacuum),
/// the preparation basis and the bit value.
/// </summary>
/// <param name="IntensityIndex">0 = signal μ1, 1 = decoy μ2, 2 = vacuum μ3.</param>
/// <param name="Basis">Preparation basis.</param>
/// <param name="Bit">Bit value, 0 or 1.</param>
public readonly record struct PulseChoice(byte IntensityIndex, PulseBasis Basis, byte Bit)
{
    /// <summary>Index of the signal intensity μ1.</summary>
    public const byte SignalIntensity = 0;

    /// <summary>Index of the decoy intensity μ2.</summary>
    public const byte DecoyIntensity = 1;

    /// <summary>Index of the vacuum intensity μ3.</summary>
    public const byte VacuumIntensity = 2;

    /// <summary>Number of intensity levels of the decoy-state source.</summary>
    public const int IntensityCount = 3;
}
