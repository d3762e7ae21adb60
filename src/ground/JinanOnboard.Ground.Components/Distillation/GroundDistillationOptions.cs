namespace JinanOnboard.Ground.Components.Distillation;

/// <summary>Policy of the ground's distillation component.</summary>
public sealed record GroundDistillationOptions
{
    /// <summary>After the payload's pass-complete, how long each stage (detection, distillation, block outcomes) may take to finish.</summary>
    public TimeSpan CompletionTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Detection batches queued between the detection chain and the distiller, so decoding a packet never stalls the time tagger.</summary>
    public int QueuedBatches { get; init; } = 64;
}
