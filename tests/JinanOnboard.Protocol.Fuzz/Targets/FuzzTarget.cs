namespace JinanOnboard.Protocol.Fuzz.Targets;

/// <summary>What one execution of a target did with its input.</summary>
public enum Outcome
{
    /// <summary>The layer refused the input the documented way (a false, a counted drop, or a documented exception).</summary>
    Rejected,

    /// <summary>The input got through the layer: a frame was genuine, a message decoded, a recording read.</summary>
    Accepted,
}

/// <summary>
/// One parser layer as a fuzz target. <see cref="Run"/> turns the documented rejections into
/// <see cref="Outcome.Rejected"/> and lets every other exception out: under AFL that is a crash, in the unit
/// tests a failure. Targets repair what a random mutation almost never keeps valid (CRCs, signatures) after
/// mutation, so the fuzzer spends its time in the layer instead of at the gate in front of it.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>The mode name on the command line and the corpus directory name.</summary>
    public abstract string Name { get; }

    /// <summary>Runs the layer once; any exception but a documented rejection escapes.</summary>
    public Outcome Run(ReadOnlySpan<byte> input)
    {
        try
        {
            return Execute(input) ? Outcome.Accepted : Outcome.Rejected;
        }
        catch (Exception e) when (IsDocumentedRejection(e))
        {
            return Outcome.Rejected;
        }
    }

    /// <summary>
    /// Seed inputs made by the project's own encoders, so the corpus follows the code. Every seed whose name starts
    /// with "valid-" must be <see cref="Outcome.Accepted"/>; the others show a gate doing its job.
    /// </summary>
    public abstract IEnumerable<(string Name, byte[] Input)> Seeds();

    /// <summary>True when <paramref name="input"/> reached the layer's success path.</summary>
    protected abstract bool Execute(ReadOnlySpan<byte> input);

    /// <summary>The exceptions the layer documents for bad input (the ones its callers catch).</summary>
    protected virtual bool IsDocumentedRejection(Exception exception) => false;
}

/// <summary>All targets, by mode name.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new DeframerTarget(),
        new HeaderTarget(),
        new PacketsTarget(),
        new MessagesTarget(),
        new JrecTarget(),
        new CodeblockTarget(),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}
