using System.Reflection;
using System.Text.Json;
using JinanOnboard.Config.Model;

namespace JinanOnboard.Config.Loading;

/// <summary>
/// Finds, parses and validates firmware configurations. A configuration is named by a path to a
/// JSON file or by a set name (<c>configs/NAME.json</c> beside the repository); the name
/// <c>default</c> always works because configs/default.json is also built into the assembly.
/// </summary>
public static class ConfigurationLoader
{
    /// <summary>The name of the built-in default set.</summary>
    public const string DefaultName = "default";

    private const string EmbeddedDefault = "JinanOnboard.Config.default.json";

    /// <summary>Loads <paramref name="pathOrName"/> (a file path or a set name), or the default set when null.</summary>
    /// <exception cref="ConfigurationException">The file is missing, not JSON, or a value is invalid.</exception>
    public static FirmwareConfiguration Load(string? pathOrName)
    {
        pathOrName ??= DefaultName;
        if (File.Exists(pathOrName))
        {
            return ResolveRelativePaths(Parse(ReadFile(pathOrName), pathOrName), pathOrName);
        }

        if (LooksLikePath(pathOrName))
        {
            throw new ConfigurationException($"{pathOrName}: configuration file not found");
        }

        string? named = FindNamed(pathOrName);
        if (named is not null)
        {
            return Parse(ReadFile(named), Path.GetRelativePath(Environment.CurrentDirectory, named));
        }


        if (pathOrName == DefaultName)
        {
            using Stream stream = typeof(ConfigurationLoader).Assembly.GetManifestResourceStream(EmbeddedDefault)
                ?? throw new InvalidOperationException("The built-in default configuration is missing from the assembly.");
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd(), "built-in default");
        }

        throw new ConfigurationException($"{pathOrName}: no such configuration file or named set (named sets: {string.Join(", ", ListNamed())})");
    }

    /// <summary>Names of the sets found in configs/ (the repository's or the working directory's).</summary>
    public static IReadOnlyList<string> ListNamed()
    {
        string? directory = FindConfigsDirectory();
        if (directory is null)
        {
            return [DefaultName];
        }

        return Directory.EnumerateFiles(directory, "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Parses configuration JSON text; <paramref name="source"/> names it in errors.</summary>
    public static FirmwareConfiguration Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"{source}: not valid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {FirstSentence(ex.Message)}");
        }

        using (document)
        {
            var root = new JsonSection(document.RootElement, source, string.Empty);
            FirmwareConfiguration configuration = FirmwareConfigurationReader.Read(root) with { Source = source };
            return configuration;
        }
    }

    /// <summary>The repository's configs/ directory, found by walking up from the working directory and from the program.</summary>
    public static string? FindConfigsDirectory()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, "configs");
                if (File.Exists(Path.Combine(candidate, "default.json")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Paths inside a configuration file are relative to that file, so it can be used from any directory.</summary>
    private static FirmwareConfiguration ResolveRelativePaths(FirmwareConfiguration configuration, string file)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (directory is null || Path.IsPathRooted(configuration.Keys.Directory))
        {
            return configuration;
        }

        return configuration with { Keys = configuration.Keys with { Directory = Path.Combine(directory, configuration.Keys.Directory) } };
    }

    private static string? FindNamed(string name)
    {
        if (name.IndexOfAny(['/', '\\', '.']) >= 0)
        {
            return null;
        }

        string? directory = FindConfigsDirectory();
        string? path = directory is null ? null : Path.Combine(directory, name + ".json");
        return path is not null && File.Exists(path) ? path : null;
    }

    private static bool LooksLikePath(string text) =>
        text.Contains('/', StringComparison.Ordinal) || text.Contains('\\', StringComparison.Ordinal) || text.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{path}: cannot read configuration: {ex.Message}", ex);
        }
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }

    internal static Assembly Assembly => typeof(ConfigurationLoader).Assembly;
}
