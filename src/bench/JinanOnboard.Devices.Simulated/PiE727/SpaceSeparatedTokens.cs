using System.Runtime.CompilerServices;

namespace JinanOnboard.Devices.Simulated.PiE727;

/// <summary>
/// The tokens of a GCS command line (PZ233E, "GCS Syntax": mnemonic and arguments separated by spaces), read from its
/// bytes without allocating. The same tokens as <c>string.Split(' ', StringSplitOptions.RemoveEmptyEntries)</c>: only
/// the space separates, runs of spaces make no empty tokens, and any other byte (a tab, a CR) belongs to its token.
/// </summary>
internal ref struct SpaceSeparatedTokens(ReadOnlySpan<byte> line)
{
    private ReadOnlySpan<byte> rest = line;

    /// <summary>What is left after the tokens read so far.</summary>
    public readonly ReadOnlySpan<byte> Rest => rest;

    /// <summary>The next token, or false at the end of the line.</summary>
    // Per fine tick: compiled at first call with inlining across assemblies, which ReadyToRun code lacks (issue 16).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryNext(out ReadOnlySpan<byte> token)
    {
        // Plain index loops rather than TrimStart/IndexOf: a token is a few bytes, and in the ReadyToRun firmware those
        // generic span helpers are calls (not inlined across the framework's version bubble) five times per MOV line.
        int start = 0;
        while (start < rest.Length && rest[start] == (byte)' ')
        {
            start++;
        }

        if (start == rest.Length)
        {
            rest = default;
            token = default;
            return false;
        }

        int end = start;
        while (end < rest.Length && rest[end] != (byte)' ')
        {
            end++;
        }

        token = rest[start..end];
        rest = rest[end..];
        return true;
    }

    /// <summary>How many tokens <paramref name="line"/> holds.</summary>
    public static int Count(ReadOnlySpan<byte> line)
    {
        var tokens = new SpaceSeparatedTokens(line);
        int count = 0;
        while (tokens.TryNext(out _))
        {
            count++;
        }

        return count;
    }
}
