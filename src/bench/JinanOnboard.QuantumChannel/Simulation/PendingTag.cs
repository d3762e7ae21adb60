using JinanOnboard.QuantumChannel.Profiles;

namespace JinanOnboard.QuantumChannel.Simulation;

/// <summary>An event generated but not yet released: ground time (ps), TDC channel, ground-truth pulse.</summary>
internal readonly record struct PendingTag(double GroundTimePs, int Channel, long Truth);

/// <summary>The channel profile at one pulse boundary, with the delay in ps.</summary>
internal readonly record struct ProfileSample(double Transmittance, double BackgroundHz, double PolarizationError, double DelayPs);
