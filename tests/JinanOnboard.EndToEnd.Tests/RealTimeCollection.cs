namespace JinanOnboard.EndToEnd.Tests;

/// <summary>Tests whose passes run in real time: they run one at a time, never beside another test of this assembly.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeCollection
{
    public const string Name = "real time";
}
