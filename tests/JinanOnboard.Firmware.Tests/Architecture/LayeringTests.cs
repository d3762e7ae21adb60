using System.Reflection;

namespace JinanOnboard.Firmware.Tests.Architecture;

/// <summary>
/// The layers a reader sees from the folder names (README §Layers), held by tests: domain libraries below a
/// role-neutral runtime; payload and ground components that never reference each other; the simulated optical
/// bench as its own deployment; topologies that only connect ports. Each rule is also shown failing on a
/// deliberately broken fixture (Fixtures/). Mission studies (src/studies) sit beside the domain: they reference domain
/// libraries only, and only the CLI (and tests) reference them.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] Topologies =
    [
        "src/payload/JinanOnboard.Payload/PayloadTopology.cs",
        "src/ground/JinanOnboard.Ground/GroundTopology.cs",
        "src/ground/JinanOnboard.Ground/BenchGroundTopology.cs",
        "src/ground/JinanOnboard.Ground/RecordedGroundTopology.cs",
        "src/payload/JinanOnboard.Payload/BenchPayloadTopology.cs",
    ];

    private static readonly HashSet<string> PhysicsTypes = [.. ArchitectureRules.PhysicsAssemblies
        .SelectMany(name => Assembly.Load(name).GetExportedTypes())
        .Select(t => t.Name.Split('`')[0])];

    public static TheoryData<string> TopologyFiles => [.. Topologies];

    [Theory]
    [MemberData(nameof(TopologyFiles))]
    public void A_topology_holds_no_numeric_literal_and_no_physics_type(string file)
    {
        IReadOnlyList<string> violations = ArchitectureRules.TopologyViolations(File.ReadAllText(Path.Combine(ArchitectureRules.Root, file)), PhysicsTypes);

        Assert.True(violations.Count == 0, $"{file}: {string.Join("; ", violations)}");
    }

    [Fact]
    public void Every_topology_file_is_checked()
    {
        string[] found = [.. new[] { "src/payload/JinanOnboard.Payload", "src/ground/JinanOnboard.Ground" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(ArchitectureRules.Root, d), "*Topology.cs"))
            .Select(p => Path.GetRelativePath(ArchitectureRules.Root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

        Assert.Equal(Topologies.Order(StringComparer.Ordinal), found);
    }

    [Fact]
    public void The_topology_rule_fails_on_a_broken_topology()
    {
        IReadOnlyList<string> violations = ArchitectureRules.TopologyViolations(File.ReadAllText(ArchitectureRules.Fixture("BrokenTopology.cs.fixture")), PhysicsTypes);

        Assert.Contains("numeric literal 120 at line 6", violations);
        Assert.Contains("numeric literal 0.8 at line 11", violations);
        Assert.Contains(violations, v => v.StartsWith("physics type PhysicsParameterSet", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("physics type SourceConfiguration", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("using JinanOnboard.Physics.Parameters", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.Contains("42", StringComparison.Ordinal)); // inside a string
    }

    [Theory]
    [InlineData("src/payload", "src/ground")]
    [InlineData("src/ground", "src/payload")]
    public void Component_projects_never_reference_the_other_role(string role, string otherRole)
    {
        foreach (string project in ArchitectureRules.ProjectsUnder(role).Where(p => p.EndsWith(".Components.csproj", StringComparison.Ordinal)))
        {
            Assert.Empty(ArchitectureRules.ForbiddenReferences(project, otherRole));
        }
    }

    [Fact]
    public void The_role_rule_fails_on_a_payload_component_that_reaches_the_ground()
    {
        IReadOnlyList<string> offending = ArchitectureRules.ForbiddenReferences(ArchitectureRules.Fixture("BrokenPayloadComponents.csproj.fixture"), "src/ground");

        Assert.Contains("src/ground/JinanOnboard.Ground.Components/JinanOnboard.Ground.Components.csproj", offending);
    }

    [Fact]
    public void Domain_libraries_reference_only_domain_libraries()
    {
        foreach (string project in ArchitectureRules.ProjectsUnder("src/domain"))
        {
            IReadOnlyList<string> offending = ArchitectureRules.ForbiddenReferences(project, "src/runtime", "src/payload", "src/ground", "src/bench", "src/cli", "src/studies");
            Assert.True(offending.Count == 0, $"{Path.GetFileName(project)} references {string.Join(", ", offending)}");
        }
    }

    [Fact]
    public void Study_libraries_reference_only_domain_libraries()
    {
        foreach (string project in ArchitectureRules.ProjectsUnder("src/studies"))
        {
            IReadOnlyList<string> offending = ArchitectureRules.ForbiddenReferences(project, "src/runtime", "src/payload", "src/ground", "src/bench", "src/cli");
            Assert.True(offending.Count == 0, $"{Path.GetFileName(project)} references {string.Join(", ", offending)}");
        }
    }

    [Fact]
    public void Nothing_but_the_cli_references_the_studies()
    {
        string[] consumers = [.. new[] { "src/domain", "src/runtime", "src/payload", "src/ground", "src/bench" }.SelectMany(ArchitectureRules.ProjectsUnder)];

        Assert.NotEmpty(consumers);
        foreach (string project in consumers)
        {
            IReadOnlyList<string> offending = ArchitectureRules.ForbiddenReferences(project, "src/studies");
            Assert.True(offending.Count == 0, $"{Path.GetFileName(project)} references {string.Join(", ", offending)}");
        }
    }

    [Fact]
    public void The_study_rule_fails_on_a_study_that_reaches_the_cli()
    {
        IReadOnlyList<string> offending = ArchitectureRules.ForbiddenReferences(ArchitectureRules.Fixture("BrokenStudyLibrary.csproj.fixture"), "src/runtime", "src/payload", "src/ground", "src/bench", "src/cli", "src/studies");

        Assert.Contains("src/cli/JinanOnboard.Cli/JinanOnboard.Cli.csproj", offending);
        Assert.Contains("src/runtime/JinanOnboard.Runtime/JinanOnboard.Runtime.csproj", offending);
    }

    [Fact]
    public void The_studies_rule_fails_on_a_domain_library_that_reaches_a_study()
    {
        IReadOnlyList<string> offending = ArchitectureRules.ForbiddenReferences(ArchitectureRules.Fixture("BrokenStudyConsumer.csproj.fixture"), "src/studies");

        Assert.Equal(["src/studies/JinanOnboard.Studies.Repeaters/JinanOnboard.Studies.Repeaters.csproj"], offending);
    }

    [Fact]
    public void The_domain_rule_fails_on_a_library_that_reaches_the_runtime()
    {
        IReadOnlyList<string> offending = ArchitectureRules.ForbiddenReferences(ArchitectureRules.Fixture("BrokenDomainLibrary.csproj.fixture"), "src/runtime", "src/payload", "src/ground", "src/bench", "src/cli");

        Assert.Contains("src/runtime/JinanOnboard.Runtime/JinanOnboard.Runtime.csproj", offending);
        Assert.Contains("src/payload/JinanOnboard.Payload.Components/JinanOnboard.Payload.Components.csproj", offending);
    }

    [Fact]
    public void The_runtime_knows_neither_role_nor_the_simulation()
    {
        string runtime = Path.Combine(ArchitectureRules.Root, "src/runtime/JinanOnboard.Runtime/JinanOnboard.Runtime.csproj");

        Assert.Empty(ArchitectureRules.ForbiddenReferences(runtime, "src/payload", "src/ground", "src/bench", "src/cli"));
    }

    [Fact]
    public void The_ground_components_contain_no_simulation()
    {
        string components = Path.Combine(ArchitectureRules.Root, "src/ground/JinanOnboard.Ground.Components/JinanOnboard.Ground.Components.csproj");

        Assert.Empty(ArchitectureRules.ForbiddenReferences(components, "src/bench"));
    }

    [Fact]
    public void The_cli_references_no_firmware_executable()
    {
        string cli = Path.Combine(ArchitectureRules.Root, "src/cli/JinanOnboard.Cli/JinanOnboard.Cli.csproj");
        IReadOnlySet<string> references = ArchitectureRules.TransitiveReferences(cli);

        Assert.DoesNotContain(references, p => p.EndsWith("JinanOnboard.Payload.csproj", StringComparison.Ordinal) || p.EndsWith("JinanOnboard.Ground.csproj", StringComparison.Ordinal));
    }
}
