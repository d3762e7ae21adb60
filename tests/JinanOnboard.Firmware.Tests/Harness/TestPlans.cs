using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Plan;

namespace JinanOnboard.Firmware.Tests.Harness;

/// <summary>Run plans for in-process tests, resolved as the firmware resolves them (the default set plus overrides).</summary>
internal static class TestPlans
{
    public static RunPlan Resolve(FirmwareRole role, string outputDirectory, RunOverrides? overrides = null) =>
        RunPlanResolver.Resolve(role, (overrides ?? new RunOverrides()) with { OutputDirectory = outputDirectory });
}
