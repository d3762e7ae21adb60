using System.Reflection;
using System.Runtime.CompilerServices;
using JinanOnboard.Runtime.Hosting;

namespace JinanOnboard.Firmware.Tests.Architecture;

/// <summary>
/// conventions.md: the Payload and Ground executables are entry point and topologies only (F Prime's deployment):
/// components live in libraries, the executable only constructs and connects them. This keeps
/// logic testable and the wiring in one reviewable place.
/// </summary>
public sealed class ExecutablesContainOnlyTopologyTests
{
    public static TheoryData<string> Executables => new() { "JinanOnboard.Payload", "JinanOnboard.Ground" };

    [Theory]
    [MemberData(nameof(Executables))]
    public void Every_type_is_the_entry_point_or_a_topology(string assemblyName)
    {
        Assembly assembly = Assembly.Load(assemblyName);

        string[] offenders = Offenders(assembly);

        Assert.True(offenders.Length == 0, $"{assemblyName} must hold only Program and *Topology : IFirmwareTopology; found {string.Join(", ", offenders)}");
    }

    [Theory]
    [MemberData(nameof(Executables))]
    public void Has_a_topology_and_exactly_one_entry_point(string assemblyName)
    {
        Assembly assembly = Assembly.Load(assemblyName);
        Type[] types = UserTypes(assembly);

        Assert.Contains(types, IsTopology);
        Assert.Single(types, IsProgram);
        Assert.NotNull(assembly.EntryPoint);
        Assert.Equal("Program", assembly.EntryPoint.DeclaringType!.Name);
    }

    [Theory]
    [MemberData(nameof(Executables))]
    public void Topology_types_expose_nothing_but_interface_members(string assemblyName)
    {
        Assembly assembly = Assembly.Load(assemblyName);

        foreach (Type topology in UserTypes(assembly).Where(IsTopology))
        {
            // Public methods that implement an interface (IFirmwareTopology, IAsyncDisposable, ...) are
            // the topology's contract; anything else public would be logic living in the executable.
            HashSet<MethodInfo> implementations = [.. topology.GetInterfaces().SelectMany(i => topology.GetInterfaceMap(i).TargetMethods)];
            string[] extra = [.. topology.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => !implementations.Contains(m) && m.GetBaseDefinition().DeclaringType != typeof(object))
                .Select(m => m.Name)];
            Assert.True(extra.Length == 0, $"{topology.Name} exposes {string.Join(", ", extra)} beyond its interfaces");
        }
    }

    [Fact]
    public void The_rule_flags_component_types_and_ignores_compiler_generated_ones()
    {
        // Guards the guard: run on a library that is not topology, the rule must object to its
        // components, and never to closures or embedded attributes.
        string[] offenders = Offenders(typeof(JinanOnboard.Payload.Components.Session.PassDriver).Assembly);

        Assert.Contains("JinanOnboard.Payload.Components.TimeSync.SyncWordEmitter", offenders);
        Assert.Contains("JinanOnboard.Payload.Components.Session.PassDriver", offenders);
        Assert.DoesNotContain(offenders, name => name.Contains('<', StringComparison.Ordinal));
    }

    [Fact]
    public void The_executables_do_not_reference_each_other()
    {
        Assembly payload = Assembly.Load("JinanOnboard.Payload");
        Assembly ground = Assembly.Load("JinanOnboard.Ground");

        Assert.DoesNotContain(payload.GetReferencedAssemblies(), a => a.Name == "JinanOnboard.Ground");
        Assert.DoesNotContain(ground.GetReferencedAssemblies(), a => a.Name == "JinanOnboard.Payload");
    }

    private static string[] Offenders(Assembly assembly)
        => [.. UserTypes(assembly).Where(t => !IsProgram(t) && !IsTopology(t) && !IsPrivatePartOfTopology(t)).Select(t => t.FullName ?? t.Name)];

    /// <summary>A private nested type of a topology (the bench topology's adapter of the bench to the ground's hardware port).</summary>
    private static bool IsPrivatePartOfTopology(Type type) => type.IsNestedPrivate && type.DeclaringType is { } outer && IsTopology(outer);

    private static bool IsProgram(Type type) => type.Name == "Program" && type.IsAbstract && type.IsSealed; // static class

    private static bool IsTopology(Type type)
        => type.IsClass && !type.IsAbstract && type.Name.EndsWith("Topology", StringComparison.Ordinal)
           && typeof(IFirmwareTopology).IsAssignableFrom(type);

    /// <summary>Every type the author wrote: compiler-generated types (closures, embedded attributes, ...) excluded.</summary>
    private static Type[] UserTypes(Assembly assembly)
        => [.. assembly.GetTypes().Where(t => !IsCompilerGenerated(t))];

    private static bool IsCompilerGenerated(Type type)
    {
        for (Type? t = type; t is not null; t = t.DeclaringType)
        {
            if (t.Name.StartsWith('<') || t.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
                || t.Namespace is "Microsoft.CodeAnalysis" or "System.Runtime.CompilerServices")
            {
                return true;
            }
        }

        return false;
    }
}
