using System.Reflection;
using JinanOnboard.Transport.LinkEmulation;

namespace JinanOnboard.Transport.Tests;

/// <summary>The shape of the project, checked by reflection so it stays small and standalone.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Transport = typeof(TransportConnection).Assembly;

    [Fact]
    public void The_public_surface_is_the_reviewed_list()
    {
        string[] expected =
        [
            "JinanOnboard.Transport.IConnectionFactory",
            "JinanOnboard.Transport.IConnectionListener",
            "JinanOnboard.Transport.IConnectionListenerFactory",
            "JinanOnboard.Transport.LinkEmulation.EmulatedConnection",
            "JinanOnboard.Transport.LinkEmulation.GilbertElliott",
            "JinanOnboard.Transport.LinkEmulation.LinkDirectionOptions",
            "JinanOnboard.Transport.LinkEmulation.LinkDirectionStatistics",
            "JinanOnboard.Transport.LinkEmulation.LinkEmulator",
            "JinanOnboard.Transport.LinkEmulation.LinkOutage",
            "JinanOnboard.Transport.TransportConfigurationException",
            "JinanOnboard.Transport.TransportConnection",
            "JinanOnboard.Transport.TransportException",
            "JinanOnboard.Transport.Transports",
        ];

        string[] actual = Transport.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_project_references_no_other_jinan_project()
    {
        AssemblyName[] jinan = Transport.GetReferencedAssemblies()
            .Where(a => a.Name!.StartsWith("JinanOnboard", StringComparison.Ordinal))
            .ToArray();
        Assert.Empty(jinan);
    }

    [Fact]
    public void Implementations_are_sealed()
    {
        Type[] openConcrete = Transport.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsSealed: false } && !t.IsNested && t.Namespace?.StartsWith("JinanOnboard", StringComparison.Ordinal) == true)
            .Where(t => t != typeof(TransportException))
            .ToArray();
        Assert.Empty(openConcrete);
        Assert.True(typeof(EmulatedConnection).IsSealed);
    }
}
