namespace JinanOnboard.Runtime.Hosting;

/// <summary>
/// The process's pass time as the recording seam stamps link units with it (protocol-spec/recording-seam.md). The link
/// session exists before the topology is wired, so it reads the time through this holder and the topology names the
/// source when it wires its pass clock (the payload's pass driver, the OGS's latest sync emission time). Zero before.
/// </summary>
public sealed class PassTimeSource
{
    private volatile Func<TimeSpan>? _source;

    /// <summary>The current pass time (zero until a source is named).</summary>
    public TimeSpan Now => _source?.Invoke() ?? TimeSpan.Zero;

    /// <summary>Names the source of the pass time.</summary>
    public void Use(Func<TimeSpan> source) => _source = source ?? throw new ArgumentNullException(nameof(source));
}
