namespace JinanOnboard.Devices.Serial;

/// <summary>
/// One thread-pool thread more per open <see cref="TtyStream"/>: a read that finds nothing waits in poll(2) on a pool
/// thread, and a line whose device is quiet (a simulator waiting for commands, a driver's reader between replies) holds
/// that thread for as long as it is open. The pool starts with one thread per core; on a two-core machine two idle lines
/// would leave none for the process's other work until the pool injected more (about one per 500 ms), and a 1 kHz loop
/// on a TCP controller in the same process missed its 200 ms reply timeout (HilPassTests, a served E-727 beside four ELL14s).
/// </summary>
internal static class PoolThreadReserve
{
    private static readonly object Gate = new();

    /// <summary>Raises the pool's minimum worker threads by one.</summary>
    public static void Add() => Change(+1);

    /// <summary>Gives back what <see cref="Add"/> took.</summary>
    public static void Remove() => Change(-1);

    private static void Change(int delta)
    {
        lock (Gate)
        {
            ThreadPool.GetMinThreads(out int workers, out int completionPorts);
            ThreadPool.SetMinThreads(Math.Max(Environment.ProcessorCount, workers + delta), completionPorts);
        }
    }
}
