using JinanOnboard.Primitives.Detections;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Detection.Indexing;

namespace JinanOnboard.Detection.Tests;

/// <summary>Feeds tags in fixed-size chunks, as a driver would, and collects every detection.</summary>
internal static class IndexerRunner
{
    public static List<PulseDetection> Run(PulseIndexer indexer, ReadOnlySpan<TimeTag> tags, int chunk = 4096)
    {
        var all = new List<PulseDetection>(tags.Length);
        var output = new PulseDetection[chunk];
        for (int start = 0; start < tags.Length; start += chunk)
        {
            ReadOnlySpan<TimeTag> slice = tags.Slice(start, Math.Min(chunk, tags.Length - start));
            int n = indexer.Process(slice, output);
            all.AddRange(output.AsSpan(0, n));
        }

        int flushed = indexer.Flush(output);
        all.AddRange(output.AsSpan(0, flushed));
        return all;
    }
}
