using JinanOnboard.Distillation.Protocol;

namespace JinanOnboard.Firmware.Distillation;

/// <summary>
/// The distillers are single-threaded state machines; in the firmware, detections arrive on the
/// receiver's thread and messages on the link's. This gate makes every call exclusive.
/// </summary>
public sealed class SerializedDistiller : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask RunAsync(Func<ValueTask> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await action();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<T> RunAsync<T>(Func<T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return read();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
