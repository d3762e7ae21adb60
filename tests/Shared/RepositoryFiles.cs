using System.Globalization;
using System.Text;

namespace JinanOnboard.Tests.Shared;

/// <summary>
/// Files of the repository the tests read (spec examples, configs), and the hex-dump layout the byte-exact examples in
/// protocol-spec/examples/ are written in. Linked into each test project that needs it (one copy, not one per project).
/// </summary>
internal static class RepositoryFiles
{
    /// <summary>The directory holding JinanOnboard.sln, found above the test assembly.</summary>
    public static string Root
    {
        get
        {
            for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "JinanOnboard.sln")))
                {
                    return d.FullName;
                }
            }

            throw new InvalidOperationException("Repository root (JinanOnboard.sln) not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>16 bytes a line: a 4-digit hex offset, two spaces, the bytes in hex separated by spaces.</summary>
    public static string HexDump(byte[] bytes)
    {
        var text = new StringBuilder();
        for (int offset = 0; offset < bytes.Length; offset += 16)
        {
            text.Append(offset.ToString("x4", CultureInfo.InvariantCulture)).Append("  ");
            text.AppendJoin(' ', bytes.Skip(offset).Take(16).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            text.Append('\n');
        }

        return text.ToString();
    }
}
