using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace JinanOnboard.Firmware.Tests.Architecture;

/// <summary>
/// The layering rules, as functions over source files and project files, so each can be applied to the
/// repository and to a deliberately broken fixture (a rule that cannot fail guards nothing).
/// </summary>
internal static partial class ArchitectureRules
{
    /// <summary>The repository root (the folder holding JinanOnboard.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Assemblies whose types are physics models: a topology takes their values from the plan, never names them.</summary>
    public static readonly string[] PhysicsAssemblies = ["JinanOnboard.Physics", "JinanOnboard.Orbit", "JinanOnboard.Source", "JinanOnboard.QuantumChannel"];

    /// <summary>
    /// Rule 1: a topology only connects ports. Every numeric literal and every physics type named in its source is a
    /// violation (comments and string literals are not code and are ignored).
    /// </summary>
    public static IReadOnlyList<string> TopologyViolations(string source, IReadOnlySet<string> physicsTypeNames)
    {
        string code = StripCommentsAndStrings(source);
        var violations = new List<string>();
        foreach (Match literal in NumericLiteral().Matches(code))
        {
            violations.Add($"numeric literal {literal.Value} at line {LineOf(code, literal.Index)}");
        }

        foreach (Match identifier in Identifier().Matches(code))
        {
            if (physicsTypeNames.Contains(identifier.Value))
            {
                violations.Add($"physics type {identifier.Value} at line {LineOf(code, identifier.Index)}");
            }
        }

        foreach (Match directive in UsingDirective().Matches(code))
        {
            string ns = directive.Groups[1].Value;
            if (PhysicsAssemblies.Any(a => ns == a || ns.StartsWith(a + ".", StringComparison.Ordinal)))
            {
                violations.Add($"using {ns} (a physics namespace) at line {LineOf(code, directive.Index)}");
            }
        }

        return violations;
    }

    /// <summary>Every project <paramref name="project"/> references, directly or through others (full paths).</summary>
    public static IReadOnlySet<string> TransitiveReferences(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out string? current))
        {
            foreach (string reference in DirectReferences(current))
            {
                if (seen.Add(reference))
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }

    /// <summary>
    /// Rules 2 and 3: the references of <paramref name="project"/> that fall under any of <paramref name="forbiddenFolders"/>
    /// (paths relative to the repository root, such as src/ground).
    /// </summary>
    public static IReadOnlyList<string> ForbiddenReferences(string project, params string[] forbiddenFolders) =>
        [.. TransitiveReferences(project)
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .Where(p => forbiddenFolders.Any(f => p.StartsWith(f.TrimEnd('/') + "/", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)];

    public static IEnumerable<string> ProjectsUnder(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains("/bin/", StringComparison.Ordinal) && !p.Contains("/obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    public static string Fixture(string name) => Path.Combine(Root, "tests", "JinanOnboard.Firmware.Tests", "Architecture", "Fixtures", name);

    private static IEnumerable<string> DirectReferences(string project)
    {
        string directory = Path.GetDirectoryName(project)!;
        return XDocument.Load(project).Descendants("ProjectReference")
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>()
            .Select(include => Path.GetFullPath(Path.Combine(directory, include.Replace('\\', '/'))));
    }

    private static string StripCommentsAndStrings(string source)
    {
        // Replace comments and string/char literals by spaces of the same length, so line numbers stay right.
        return CommentOrString().Replace(source, m => Regex.Replace(m.Value, "[^\n]", " "));
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "JinanOnboard.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("JinanOnboard.sln not found above the test assembly");
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|\$?""(?:\\.|[^""\\\n])*""|'(?:\\.|[^'\\\n])'", RegexOptions.Singleline)]
    private static partial Regex CommentOrString();

    // A number not glued to an identifier (so "Ed25519" or "X509" are not literals).
    [GeneratedRegex(@"(?<![\w.])(?:0[xXbB][0-9a-fA-F_]+|\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)[uUlLfFdDmM]*\b")]
    private static partial Regex NumericLiteral();

    [GeneratedRegex(@"\b[A-Za-z_]\w*\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^\s*using\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();
}
