using JinanOnboard.Orbit.Ephemeris;
using JinanOnboard.Orbit.Passes;
using JinanOnboard.Studies.MdiFeasibility.Geometry;
using JinanOnboard.Studies.MdiFeasibility.KeyRate;

namespace JinanOnboard.Studies.MdiFeasibility.Study;

/// <summary>No window in which both sites see the satellite: the study has nothing to evaluate.</summary>
public sealed class NoCommonVisibilityException(string message) : Exception(message);

/// <summary>Runs one scenario: common windows, per-window evaluation, the tolerable loss and the verdict.</summary>
public static class MdiStudy
{
    /// <summary>Evaluate every common-visibility window of <paramref name="scenario"/>.</summary>
    /// <exception cref="NoCommonVisibilityException">The two sites never see the satellite together in the window.</exception>
    public static MdiEvaluation Run(MdiScenario scenario, MdiStudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        if (scenario.MinElevationDeg is <= 0 or >= 90 || double.IsNaN(scenario.MinElevationDeg))
        {
            throw new ArgumentOutOfRangeException(nameof(scenario), scenario.MinElevationDeg, "minimum elevation must be in (0, 90) deg");
        }

        (IEphemeris ephemeris, DateTime from, DateTime to) = scenario.Resolve();
        var search = new PassSearchOptions { MinElevationDeg = scenario.MinElevationDeg, NightOnly = true };
        IReadOnlyList<CommonWindow> windows = CommonVisibility.Find(ephemeris, scenario.SiteA, scenario.SiteB, from, to, search, options.SampleStepS);
        if (windows.Count == 0)
        {
            throw new NoCommonVisibilityException(
                $"{scenario.SiteA.Name} and {scenario.SiteB.Name} never see the satellite together above {scenario.MinElevationDeg} deg in darkness between {from:yyyy-MM-ddTHH:mm}Z and {to:yyyy-MM-ddTHH:mm}Z");
        }

        MdiProtocol protocol = MdiWindowEvaluator.ProtocolOf(scenario.UplinkSet);
        var evaluator = new MdiWindowEvaluator(scenario.UplinkSet, protocol, options);
        var sampler = new UplinkPairSampler(ephemeris, scenario.SiteA, scenario.SiteB);
        var results = new List<MdiWindowResult>(windows.Count);
        foreach (CommonWindow w in windows)
        {
            results.Add(evaluator.Evaluate(w, sampler.Sample(w, options.SampleStepS)));
        }

        return new MdiEvaluation(MdiLossTolerance.MaxTotalLossDb(protocol), MdiLossTolerance.MaxTotalLossFixedDb(protocol), results);
    }
}
