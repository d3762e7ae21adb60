using System.CommandLine;

namespace JinanOnboard.Cli.Commands;

/// <summary>
/// Every verb of <c>jinan</c>. Each domain contributes its verbs in its own file by
/// implementing one of the partial methods below, so adding a domain never edits another's file.
/// </summary>
internal static partial class CommandCatalog
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("JinanOnboard: Jinan-1 payload and portable OGS firmware emulator.");
        AddFirmware(root);
        AddOrbit(root);
        AddLink(root);
        AddLdpc(root);
        AddDistillation(root);
        AddReplay(root);
        AddExport(root);
        AddInspect(root);
        AddCampaign(root);
        AddPolarization(root);
        AddApt(root);
        AddDevices(root);

        // Mission studies (issue 19): each study adds its verb under `plan` or `study` from its own file.
        var plan = new Command("plan", "Mission planning over real orbits: multi-city key scheduling and its orbit/divergence sweep.");
        AddPlanSchedule(plan);
        AddPlanSweep(plan);
        root.Subcommands.Add(plan);
        var study = new Command("study", "Feasibility studies around the mission: space MDI-QKD, ring-constellation TF-QKD, satellite repeaters.");
        AddStudyMdi(study);
        AddStudyRing(study);
        AddStudyRepeater(study);
        root.Subcommands.Add(study);
        return root;
    }

    /// <summary>payload, ground, bench, keys.</summary>
    static partial void AddFirmware(RootCommand root);

    /// <summary>orbit propagate, orbit passes.</summary>
    static partial void AddOrbit(RootCommand root);

    /// <summary>link budget, link pass.</summary>
    static partial void AddLink(RootCommand root);

    /// <summary>ldpc bench.</summary>
    static partial void AddLdpc(RootCommand root);

    /// <summary>pa, finite-key.</summary>
    static partial void AddDistillation(RootCommand root);

    /// <summary>replay.</summary>
    static partial void AddReplay(RootCommand root);

    /// <summary>export (pcap, PTU).</summary>
    static partial void AddExport(RootCommand root);

    /// <summary>inspect.</summary>
    static partial void AddInspect(RootCommand root);

    /// <summary>campaign.</summary>
    static partial void AddCampaign(RootCommand root);

    /// <summary>pol calibrate.</summary>
    static partial void AddPolarization(RootCommand root);
    /// <summary>apt sim.</summary>
    static partial void AddApt(RootCommand root);
    /// <summary>devices probe, devices simulate.</summary>
    static partial void AddDevices(RootCommand root);

    /// <summary>plan schedule.</summary>
    static partial void AddPlanSchedule(Command plan);

    /// <summary>plan sweep.</summary>
    static partial void AddPlanSweep(Command plan);

    /// <summary>study mdi.</summary>
    static partial void AddStudyMdi(Command study);

    /// <summary>study ring.</summary>
    static partial void AddStudyRing(Command study);

    /// <summary>study repeater.</summary>
    static partial void AddStudyRepeater(Command study);
}
