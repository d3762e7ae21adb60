using JinanOnboard.Orbit.Frames;
using JinanOnboard.Studies.RingTwinField.Forwarding;
using JinanOnboard.Studies.RingTwinField.Geometry;
using JinanOnboard.Studies.RingTwinField.KeyRate;

namespace JinanOnboard.Studies.RingTwinField.Study;

/// <summary>
/// Runs the ring over the observation period for one or more sizes N. At each step each ground station attaches to the
/// ring satellite it sees highest above the minimum elevation (Bob takes his runner-up when both would pick the same
/// satellite: the protocol needs two attachments); the keys of both directed segments are rated from their losses with
/// one <see cref="SnsTfRateTable"/>, and the end-to-end key accumulates the smaller segment rate.
/// </summary>
public sealed class RingStudy
{
    private readonly RingScenario _scenario;
    private readonly RingLinkBudget _budget;

    /// <summary>Bind to a scenario and build its rate table (the costly part, done once for all N).</summary>
    public RingStudy(RingScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        scenario.Validate();
        _scenario = scenario;
        _budget = new RingLinkBudget(scenario.RingSet);
        Rates = new SnsTfRateTable(scenario.RepetitionRateHz, scenario.BlockSeconds, scenario.Settings);
    }

    /// <summary>The loss → rate table every key is rated with.</summary>
    public SnsTfRateTable Rates { get; }

    /// <summary>The link budgets.</summary>
    public RingLinkBudget Budget => _budget;

    /// <summary>Observe a ring of <paramref name="n"/> satellites; the threshold is enumerated when N ≤ <paramref name="enumerateUpTo"/>.</summary>
    public RingRunResult Run(int n, int enumerateUpTo = 12)
    {
        RingGeometry geometry = _scenario.Geometry;
        if (!geometry.Closes(n))
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"a ring of {n} does not close: its links pass {geometry.LinkGrazingHeightKm(n):F0} km above the surface, below the {geometry.GrazingHeightKm} km grazing height (smallest ring: {geometry.MinimumSatellites()})");
        }

        double distance = geometry.NeighbourDistanceKm(n);
        double isl = _budget.InterSatelliteLossDb(distance);
        var ring = new RingConstellation(n, geometry.RadiusKm, _scenario.EpochUtc, _scenario.StationA.Position.LongitudeDeg);
        var frameA = new TopocentricFrame(_scenario.StationA.Position);
        var frameB = new TopocentricFrame(_scenario.StationB.Position);
        int steps = (int)Math.Round(_scenario.ObservationHours * 3600 / _scenario.StepS);
        double dt = _scenario.StepS;
        var tally = new Tally();
        var pairs = new Dictionary<(int, int), int>();
        for (int i = 0; i < steps; i++)
        {
            double t = (i + 0.5) * dt;
            (Attachment? a, _) = ring.Attach(frameA, t, _scenario.MinElevationDeg);
            (Attachment? b, Attachment? b2) = ring.Attach(frameB, t, _scenario.MinElevationDeg);
            if (a is Attachment at && b is Attachment bt && at.Satellite == bt.Satellite)
            {
                b = b2;
            }

            if (a is not Attachment sa || b is not Attachment sb)
            {
                continue;
            }

            double upA = _budget.GroundLossDb(sa.RangeKm, sa.ElevationDeg);
            double upB = _budget.GroundLossDb(sb.RangeKm, sb.ElevationDeg);
            // Satellites on each directed segment, both attachments included (as XorForwarding.Segment lists them).
            int increasing = (((sb.Satellite - sa.Satellite) % n) + n) % n + 1;
            int decreasing = n - increasing + 2;
            (double rate1, string weak1) = SegmentRate(increasing, upA, upB, isl);
            (double rate2, string weak2) = SegmentRate(decreasing, upA, upB, isl);
            double rate = Math.Min(rate1, rate2);
            tally.Add(dt, upA, upB, Rates.RateBitsPerS(upA), Rates.RateBitsPerS(Math.Max(upA, upB) + isl), rate, rate1 <= rate2 ? weak1 : weak2,
                Math.Min(increasing, decreasing) - 1);
            (int, int) key = (sa.Satellite, sb.Satellite);
            pairs[key] = pairs.GetValueOrDefault(key) + 1;
        }

        (int smallest, bool enumerated) = Threshold(n, pairs, enumerateUpTo);
        double period = steps * dt;
        return new RingRunResult(
            n, distance, geometry.LinkGrazingHeightKm(n), isl, Rates.RateBitsPerS(isl), Rates.RateBitsPerS(2 * isl),
            tally.Seconds / period, tally.Mean(tally.LossA), tally.Mean(tally.LossB), tally.Mean(tally.GroundRate), tally.Mean(tally.BridgeRate),
            tally.Bits, tally.Bits / period, tally.Mean(tally.Hops), tally.WeakestMostOften(), smallest, enumerated);
    }

    /// <summary>
    /// A segment of <paramref name="satellites"/> satellites has hops h_0 = ground A, h_1..h_{m−1} = ISL, h_m = ground B;
    /// link key K_j is rated at h_j and bridge key B_j at h_{j−1} + h_j (its two arms). The segment carries the smallest.
    /// </summary>
    internal (double Rate, string Weakest) SegmentRate(int satellites, double upA, double upB, double isl)
    {
        int m = satellites;
        double worstLoss = double.NegativeInfinity;
        string weakest = string.Empty;
        for (int j = 0; j <= m; j++)
        {
            double hop = Hop(j, m, upA, upB, isl);
            Consider(hop, j == 0 || j == m ? "ground link" : "ISL link");
            if (j >= 1)
            {
                double previous = Hop(j - 1, m, upA, upB, isl);
                Consider(previous + hop, j == 1 || j == m ? "attachment bridge (ground + ISL arms)" : "ISL bridge (two ISL arms)");
            }
        }

        return (Rates.RateBitsPerS(worstLoss), weakest);

        void Consider(double loss, string what)
        {
            if (loss > worstLoss)
            {
                (worstLoss, weakest) = (loss, what);
            }
        }
    }

    private static double Hop(int j, int m, double upA, double upB, double isl) => j == 0 ? upA : j == m ? upB : isl;

    private static (int Smallest, bool Enumerated) Threshold(int n, Dictionary<(int, int), int> pairs, int enumerateUpTo)
    {
        // The rule's answer is 3 (an attachment and its two neighbours); enumerate it on small rings for the attachment
        // pair seen most often.
        if (n > enumerateUpTo || n > ThresholdEnumeration.MaxSatellites || pairs.Count == 0)
        {
            return (3, false);
        }

        (int a, int b) = pairs.MaxBy(kv => kv.Value).Key;
        return (ThresholdEnumeration.Run(n, a, b).SmallestRevealingSet, true);
    }

    private sealed class Tally
    {
        private readonly Dictionary<string, double> _weakest = [];

        public double Seconds { get; private set; }

        public double Bits { get; private set; }

        public double LossA { get; private set; }

        public double LossB { get; private set; }

        public double GroundRate { get; private set; }

        public double BridgeRate { get; private set; }

        public double Hops { get; private set; }

        public void Add(double dt, double lossA, double lossB, double groundRate, double bridgeRate, double rate, string weakest, int hops)
        {
            Seconds += dt;
            Bits += rate * dt;
            LossA += lossA * dt;
            LossB += lossB * dt;
            GroundRate += groundRate * dt;
            BridgeRate += bridgeRate * dt;
            Hops += hops * dt;
            _weakest[weakest] = _weakest.GetValueOrDefault(weakest) + dt;
        }

        public double Mean(double sum) => Seconds > 0 ? sum / Seconds : double.NaN;

        public string WeakestMostOften() => _weakest.Count == 0 ? "- (never connected)" : _weakest.MaxBy(kv => kv.Value).Key;
    }
}
