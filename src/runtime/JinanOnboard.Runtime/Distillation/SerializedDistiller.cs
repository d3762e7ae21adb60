using JinanOnboard.Distillation.Exchange;

namespace JinanOnboard.Runtime.Distillation;

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

    /// <summary>
    /// Polls <paramref name="condition"/> under the gate until it holds (true) or <paramref name="timeout"/>
    /// passes on <paramref name="time"/> (false): the distillers have no events for "all blocks settled".
    /// </summary>
    public async ValueTask<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        long started = time.GetTimestamp();
        while (!await RunAsync(condition, cancellationToken))
        {
            if (time.GetElapsedTime(started) > timeout)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken);
        }

        return true;
    }

    public void Dispose() => _gate.Dispose();
}
