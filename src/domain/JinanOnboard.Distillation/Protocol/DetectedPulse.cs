using JinanOnboard.Source;

namespace JinanOnboard.Distillation.Protocol;

/// <summary>One detection assigned to a pulse by the OGS (system.md step 2).</summary>
/// <param name="Sequence">Pulse sequence number; strictly increasing across calls.</param>
/// <param name="Basis">Measurement basis of the detector that clicked.</param>
/// <param name="Bit">Measured bit, 0 or 1.</param>
public readonly record struct DetectedPulse(long Sequence, PulseBasis Basis, byte Bit);
