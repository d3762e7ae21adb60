using JinanOnboard.Studies.Scheduling.Relay;

namespace JinanOnboard.Studies.Scheduling.Study;

/// <summary>What one city gets: its weight w_n, its delivered key E_n (bits) and share p_n.</summary>
public sealed record CityDelivery(string City, double Weight, double KeysBits, double Share);

/// <summary>A run of the schedule: intervals [StartInterval, StartInterval + Length) serve City.</summary>
public sealed record NamedRun(int StartInterval, int Length, string City);

/// <summary>One strategy solved one way (exact or genetic).</summary>
public sealed record StrategyOutcome(
    string Method,
    double Objective,
    double TotalBits,
    double KlDivergence,
    bool Feasible,
    IReadOnlyList<CityDelivery> Cities,
    IReadOnlyList<NamedRun> Runs,
    IReadOnlyList<PairKey> RelayPairs);

/// <summary>
/// One strategy: its objective, the exact (or, for S-TD, Lagrangian) solution and the genetic algorithm's, side by side.
/// For S-TD, <see cref="TargetReached"/>, <see cref="Iterations"/> and <see cref="IntervalsTrimmed"/> describe the search.
/// </summary>
public sealed record StrategyComparison(
    string Strategy,
    string ObjectiveDescription,
    StrategyOutcome Exact,
    StrategyOutcome Genetic,
    bool? TargetReached,
    int? Iterations,
    int? IntervalsTrimmed);
