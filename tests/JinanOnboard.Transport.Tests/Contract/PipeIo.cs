using System.Buffers;
using System.IO.Pipelines;

namespace JinanOnboard.Transport.Tests.Contract;

/// <summary>Small helpers the contract tests use to move exact byte counts through pipes.</summary>
internal static class PipeIo
{
    /// <summary>A position-dependent pattern, so reordered, duplicated or lost bytes show up as mismatches.</summary>
    public static byte[] Pattern(int length, int salt)
    {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)((i * 31) ^ (i >> 9) ^ salt);
        }

        return data;
    }

    public static async Task WriteAllAsync(PipeWriter writer, byte[] data, int chunkBytes, CancellationToken ct)
    {
        for (int offset = 0; offset < data.Length; offset += chunkBytes)
        {
            int count = Math.Min(chunkBytes, data.Length - offset);
            await writer.WriteAsync(data.AsMemory(offset, count), ct);
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes, or fewer if the stream ends first.</summary>
    public static async Task<byte[]> ReadExactlyAsync(PipeReader reader, int count, CancellationToken ct)
    {
        byte[] result = new byte[count];
        int filled = 0;
        while (filled < count)
        {
            ReadResult read = await reader.ReadAsync(ct);
            ReadOnlySequence<byte> buffer = read.Buffer;
            int take = (int)Math.Min(buffer.Length, count - filled);
            buffer.Slice(0, take).CopyTo(result.AsSpan(filled));
            filled += take;
            reader.AdvanceTo(buffer.GetPosition(take));
            if (read.IsCompleted && filled < count && take == 0)
            {
                return result[..filled];
            }
        }

        return result;
    }

    /// <summary>Reads until the peer ends the stream and returns everything read.</summary>
    public static async Task<byte[]> ReadToEndAsync(PipeReader reader, CancellationToken ct)
    {
        var all = new List<byte>();
        while (true)
        {
            ReadResult read = await reader.ReadAsync(ct);
            all.AddRange(read.Buffer.ToArray());
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return [.. all];
            }
        }
    }
}
