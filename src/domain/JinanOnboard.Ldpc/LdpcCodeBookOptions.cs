namespace JinanOnboard.Ldpc;

/// <summary>How a <see cref="LdpcCodeBook"/> keeps and finds its built codes.</summary>
public sealed record LdpcCodeBookOptions
{
    /// <summary>
    /// Codes held strongly, most recently used first; null keeps every code built (the default, and what tests of code
    /// identity rely on). A bound keeps a long pass's memory flat: ~7 MB a code, and a drifting QBER walks through ~26.
    /// </summary>
    public int? RetainedCodes { get; init; }

    /// <summary>On-disk cache of built base graphs shared between processes; null builds every code in memory.</summary>
    public LdpcCodeCache? Cache { get; init; }
}
