using JinanOnboard.Physics.Parameters;
using JinanOnboard.Config.Loading;
using JinanOnboard.Config.Model;
using JinanOnboard.Distillation.FiniteKey;
using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Source;

namespace JinanOnboard.Runtime.Plan;

/// <summary>
/// Resolves the configuration file, the physics set and the command-line overrides into one
/// <see cref="RunPlan"/>, validating everything before a side listens or connects. Every problem is a
/// <see cref="ConfigurationException"/> with one line naming the key and what is allowed (exit code 2).
/// </summary>
public static class RunPlanResolver
{
    /// <exception cref="ConfigurationException">Any invalid setting, physics value or output path.</exception>
    public static RunPlan Resolve(FirmwareRole role, RunOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        string configurationName = overrides.Config ?? ConfigurationLoader.DefaultName;
        FirmwareConfiguration configuration = ApplyOverrides(ConfigurationLoader.Load(configurationName), overrides);
        PhysicsParameterSet physics = LoadPhysics(configuration.Physics);
        SourceConfiguration source = SourceFrom(physics);
        DistillationOptions distillation = DistillationFrom(configuration.Distillation, source);
        string output = PrepareOutputDirectory(overrides.OutputDirectory ?? DefaultOutputDirectory(role), "--out");
        string? result = overrides.ResultPath is null ? null : CheckWritableFile(overrides.ResultPath, "--result");
        string? record = overrides.RecordPath is null ? null : CheckWritableFile(overrides.RecordPath, "--record");
        return new RunPlan
        {
            Configuration = configuration,
            ConfigurationName = configurationName,
            Physics = physics,
            Source = source,
            Distillation = distillation,
            Timeline = PassGeometry.Build(configuration.Pass, physics),
            OutputDirectory = output,
            ResultPath = result,
            RecordPath = record,
            OpticalPath = overrides.OpticalPath,
            TimeTagsPath = overrides.TimeTagsPath is null ? null : CheckReadableFile(overrides.TimeTagsPath, "--time-tags"),
            DevicesProfile = DevicesProfileResolver.Resolve(role, overrides.DevicesProfile, configuration.Pass.Realtime),
        };
    }

    /// <summary>Where a side keeps its key store when --out is not given: persistent, per role, under the working directory.</summary>
    public static string DefaultOutputDirectory(FirmwareRole role) =>
        Path.GetFullPath(Path.Combine("out", role == FirmwareRole.Payload ? "payload" : "ground"));

    private static FirmwareConfiguration ApplyOverrides(FirmwareConfiguration configuration, RunOverrides o)
    {
        if (o.DurationS is { } duration && (!double.IsFinite(duration) || duration < 1 || duration > 3600))
        {
            throw new ConfigurationException($"--duration-s = {duration} is out of range [1, 3600] seconds");
        }

        if (o.Endpoint is { } endpoint && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
        {
            throw new ConfigurationException($"--endpoint = \"{endpoint}\" is not a URI like tcp://127.0.0.1:7400");
        }

        return configuration with
        {
            Seed = o.Seed ?? configuration.Seed,
            Pass = configuration.Pass with
            {
                DurationS = o.DurationS ?? configuration.Pass.DurationS,
                Realtime = o.Realtime ?? configuration.Pass.Realtime,
            },
            Link = configuration.Link with { Endpoint = o.Endpoint ?? configuration.Link.Endpoint },
            Keys = configuration.Keys with { Directory = o.KeyDirectory ?? configuration.Keys.Directory },
        };
    }

    private static PhysicsParameterSet LoadPhysics(string name)
    {
        try
        {
            return PhysicsParameterSet.Named(name);
        }
        catch (ParameterSetException ex)
        {
            throw new ConfigurationException($"physics: {ex.Message}", ex);
        }
    }

    /// <summary>The source from the physics set's <c>source</c> section (parameters.md), checked as the decoy analysis needs it.</summary>
    private static SourceConfiguration SourceFrom(PhysicsParameterSet physics)
    {
        IReadOnlyList<double> mu = Triple(physics, "source.intensities");
        IReadOnlyList<double> p = Triple(physics, "source.intensity_probabilities");
        if (!(mu[0] > mu[1] && mu[1] > mu[2] && mu[2] >= 0))
        {
            throw new ConfigurationException($"physics {physics.Name}: source.intensities = [{string.Join(", ", mu)}] must satisfy signal > decoy > vacuum >= 0");
        }

        for (int i = 0; i < 3; i++)
        {
            if (!(p[i] > 0 && p[i] <= 1))
            {
                throw new ConfigurationException($"physics {physics.Name}: source.intensity_probabilities[{i}] = {p[i]} is out of range (0, 1]");
            }
        }

        double z = physics.Has("source.basis_probabilities") ? physics.Array("source.basis_probabilities")[0] : 0.5;
        if (!(z > 0 && z < 1))
        {
            throw new ConfigurationException($"physics {physics.Name}: source.basis_probabilities[0] = {z} is out of range (0, 1)");
        }

        double rate = physics.Number("source.repetition_rate_hz");
        if (!(rate > 0 && rate <= 1e10))
        {
            throw new ConfigurationException($"physics {physics.Name}: source.repetition_rate_hz = {rate} is out of range (0, 1e10]");
        }

        return new SourceConfiguration
        {
            SignalMeanPhotonNumber = mu[0],
            DecoyMeanPhotonNumber = mu[1],
            VacuumMeanPhotonNumber = mu[2],
            SignalProbability = p[0],
            DecoyProbability = p[1],
            VacuumProbability = p[2],
            ZBasisProbability = z,
            RepetitionRateHz = rate,
            ExtinctionRatioDb = physics.NumberOr("source.extinction_ratio_db", new SourceConfiguration().ExtinctionRatioDb),
            PolarizationContrastDb = physics.NumberOr("source.polarization_contrast_db", new SourceConfiguration().PolarizationContrastDb),
        };
    }

    private static IReadOnlyList<double> Triple(PhysicsParameterSet physics, string key)
    {
        if (!physics.Has(key) || physics.Array(key).Count != 3)
        {
            throw new ConfigurationException($"physics {physics.Name}: {key} must list 3 values (signal, decoy, vacuum)");
        }

        return physics.Array(key);
    }

    private static DistillationOptions DistillationFrom(DistillationSettings d, SourceConfiguration source) => new()
    {
        PacketBits = d.PacketBits,
        BlockPackets = d.PaBlockBits / d.PacketBits,
        SampleFraction = d.SampleFraction,
        EpsilonSec = d.EpsilonSec,
        EpsilonCor = d.EpsilonCor,
        Bound = d.DeviationBound == "hoeffding" ? DeviationBound.Hoeffding : DeviationBound.Chernoff,
        Reconciliation = ReconciliationFrom(d.Reconciliation),
        // The decoy analysis uses the very intensities the source emits (one place: the physics set).
        Decoy = new DecoySettings(
            new(source.SignalMeanPhotonNumber, source.DecoyMeanPhotonNumber, source.VacuumMeanPhotonNumber),
            new(source.SignalProbability, source.DecoyProbability, source.VacuumProbability)),
    };

    private static ReconciliationPolicy ReconciliationFrom(ReconciliationSettings settings)
    {
        var policy = new ReconciliationPolicy { QberMargin = settings.QberMargin, MinQber = settings.MinQber, MaxQber = settings.MaxQber };
        return policy.Validate() is { } problem ? throw new ConfigurationException($"distillation.reconciliation.{problem}") : policy;
    }

    private static string PrepareOutputDirectory(string path, string option)
    {
        string full = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(full);
            string probe = Path.Combine(full, $".write-check-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return full;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ConfigurationException($"{option} {path}: directory is not writable ({ex.Message})");
        }
    }

    /// <summary>Checks that a file can be written where asked (its directory is created), without leaving it behind.</summary>
    /// <summary>An input file that must exist: its full path, or one line naming the option.</summary>
    private static string CheckReadableFile(string path, string option) =>
        File.Exists(path) ? Path.GetFullPath(path) : throw new ConfigurationException($"{option} {path}: no such file");

    private static string CheckWritableFile(string path, string option)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ConfigurationException($"{option} {path}: is a directory, not a file");
        }

        bool existed = File.Exists(full);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using (new FileStream(full, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
            {
            }

            if (!existed)
            {
                File.Delete(full);
            }

            return full;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ConfigurationException($"{option} {path}: file is not writable ({ex.Message})");
        }
    }
}
