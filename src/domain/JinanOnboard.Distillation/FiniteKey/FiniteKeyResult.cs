namespace JinanOnboard.Distillation.FiniteKey;

/// <summary>Every intermediate bound of one basis (finite-key.md "Decoy bounds, per basis" and "Phase error").</summary>
/// <param name="DetectionsLower">n^-_{b,k} = (e^{μk}/pk) E^L(n_{b,k}).</param>
/// <param name="DetectionsUpper">n^+_{b,k} = (e^{μk}/pk) E^U(n_{b,k}).</param>
/// <param name="ErrorsLower">m^-_{b,k} = (e^{μk}/pk) E^L(m_{b,k}).</param>
/// <param name="ErrorsUpper">m^+_{b,k} = (e^{μk}/pk) E^U(m_{b,k}).</param>
/// <param name="VacuumEvents">s_{b,0}, lower bound on vacuum events.</param>
/// <param name="SinglePhotonEvents">s_{b,1}, lower bound on single-photon events.</param>
/// <param name="SinglePhotonBitErrors">v_{b,1}, upper bound on single-photon bit errors.</param>
/// <param name="OtherBasisErrorRate">r = min(0.5, max(0, v_{b',1} / s_{b',1})) from the other basis b'.</param>
/// <param name="Gamma">γ(ε_sec, r, s_{b',1}, s_{b,1}), the sampling correction.</param>
/// <param name="PhaseErrorRate">φ_b, upper bound on the single-photon phase error rate of this basis.</param>
public sealed record BasisBounds(
    PerIntensity<double> DetectionsLower,
    PerIntensity<double> DetectionsUpper,
    PerIntensity<double> ErrorsLower,
    PerIntensity<double> ErrorsUpper,
    double VacuumEvents,
    double SinglePhotonEvents,
    double SinglePhotonBitErrors,
    double OtherBasisErrorRate,
    double Gamma,
    double PhaseErrorRate);

/// <summary>The outcome of the finite-key analysis with every intermediate, ready to print as JSON.</summary>
/// <param name="Bound">The deviation bound used.</param>
/// <param name="EpsilonPerBound">ε = ε_sec / 21, the failure probability of each bound.</param>
/// <param name="Tau0">τ0 = Σ_k pk e^{−μk}.</param>
/// <param name="Tau1">τ1 = Σ_k pk e^{−μk} μk.</param>
/// <param name="Z">Bounds of the Z basis.</param>
/// <param name="X">Bounds of the X basis.</param>
/// <param name="LambdaEcBits">λ_EC as given.</param>
/// <param name="SecurityCostBits">6 log2(21/ε_sec) + log2(2/ε_cor).</param>
/// <param name="KeyLengthBeforeFloor">The key-length expression before the floor (may be negative).</param>
/// <param name="KeyLengthBits">ℓ: the floor, or 0 when the expression is negative.</param>
public sealed record FiniteKeyResult(
    DeviationBound Bound,
    double EpsilonPerBound,
    double Tau0,
    double Tau1,
    BasisBounds Z,
    BasisBounds X,
    double LambdaEcBits,
    double SecurityCostBits,
    double KeyLengthBeforeFloor,
    long KeyLengthBits);
