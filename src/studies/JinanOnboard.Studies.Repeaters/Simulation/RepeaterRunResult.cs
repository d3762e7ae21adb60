namespace JinanOnboard.Studies.Repeaters.Simulation;

/// <summary>
/// What one Monte Carlo run measured. Error rates are averages over the delivered end-to-end pairs of each pair's exact
/// flip probability (from its history of link errors and dephasing), so they carry no sampling noise of their own.
/// </summary>
/// <param name="Events">Events processed (stale ones included: each cost a queue operation).</param>
/// <param name="SimulatedS">Simulated time at the last event, s.</param>
/// <param name="DeliveredPairs">End-to-end pairs measured by the two end nodes.</param>
/// <param name="PairRatePerS">r = delivered pairs / simulated time.</param>
/// <param name="ErrorX">e_X, X-basis error rate of delivered pairs (phase flips: dephasing shows up here).</param>
/// <param name="ErrorZ">e_Z, Z-basis error rate of delivered pairs (bit flips).</param>
/// <param name="SwapAttempts">Bell-state measurements made.</param>
/// <param name="SwapFailures">Bell-state measurements that failed (both pairs lost).</param>
/// <param name="CutoffDiscards">Pairs discarded at the cutoff age.</param>
/// <param name="StaleEvents">Events skipped because a cutoff or swap had already changed their node.</param>
/// <param name="MaxAgeAtUseS">Longest storage time of any qubit when it was swapped or measured, s.</param>
/// <param name="MeanAgeAtUseS">Mean storage time of the qubits swapped or measured, s.</param>
public sealed record RepeaterRunResult(
    long Events,
    double SimulatedS,
    long DeliveredPairs,
    double PairRatePerS,
    double ErrorX,
    double ErrorZ,
    long SwapAttempts,
    long SwapFailures,
    long CutoffDiscards,
    long StaleEvents,
    double MaxAgeAtUseS,
    double MeanAgeAtUseS);
