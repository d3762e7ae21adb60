using System.IO.Pipelines;

namespace JinanOnboard.Transport.Memory;

/// <summary>One end of an in-process pipe pair; disposal completes both pipes so the peer sees the end.</summary>
internal sealed class MemoryConnection(PipeReader input, PipeWriter output, string localEndpoint, string remoteEndpoint) : TransportConnection
{
    private int _disposed;

    public override PipeReader Input => input;

    public override PipeWriter Output => output;

    public override string LocalEndpoint => localEndpoint;

    public override string RemoteEndpoint => remoteEndpoint;

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await output.CompleteAsync();
            await input.CompleteAsync();
        }
    }
}
