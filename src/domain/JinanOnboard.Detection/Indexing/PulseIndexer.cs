using System.Numerics;
using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Primitives.Detections;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Detection.Sync;

namespace JinanOnboard.Detection.Indexing;

/// <summary>
/// OGS detection front end (issue 3 item 3): turns a time-ordered stream of TDC tags — detector
/// channels 0..3 and the sync channel 4 — into <see cref="PulseDetection"/>s in sequence order.
/// The sync clock is recovered by <see cref="SyncClockTracker"/>; each detector tag is named by the
/// nearest pulse slot of that clock and kept only inside the gate (system.md: 800 ps around each
/// expected slot keeps most signal and halves background). Double clicks in one slot are squashed:
/// one of the clicked detectors is chosen with a seeded random draw, which for two detectors of the
/// same basis is the usual random bit. Works identically on real and simulated tags.
/// </summary>
public sealed class PulseIndexer
{
    private readonly PulseIndexerOptions options;
    private readonly SyncClockTracker clock;
    private readonly double[] delaysPs;
    private readonly double halfGatePs;
    private SplitMix64 squashRandom; // mutable struct: advanced in place

    private long pendingSequence = -1;
    private int pendingDetectorMask;
    private long lastEmittedSequence = -1;

    private long tagsIn;
    private long detectorTagsIn;
    private long syncTagsIn;
    private long unknownChannelTags;
    private long beforeLock;
    private long insideGate;
    private long outsideGate;
    private long outOfOrder;
    private long doubleClicks;
    private long detectionsOut;

    /// <summary>Creates an indexer; <paramref name="options"/> defaults to system.md values.</summary>
    public PulseIndexer(PulseIndexerOptions? options = null)
    {
        this.options = options ?? new PulseIndexerOptions();
        this.options.Validate();
        clock = new SyncClockTracker(this.options);
        delaysPs = [.. this.options.DetectorDelayPs];
        halfGatePs = this.options.GateWidthPs / 2.0;
        squashRandom = SeedSequence.CreateGenerator(this.options.SquashSeed, "detection.squash");
    }

    /// <summary>True once the sync clock is locked and detections can be named.</summary>
    public bool IsLocked => clock.IsLocked;

    /// <summary>
    /// Consumes <paramref name="tags"/> (non-decreasing time) and writes the detections completed so
    /// far to <paramref name="output"/>, which must hold at least <c>tags.Length</c> items. The last
    /// slot is held back until a later slot or <see cref="Flush"/> shows it has no more clicks.
    /// </summary>
    /// <returns>Number of detections written.</returns>
    // Hot loop: compiled at first use rather than taken from the ReadyToRun image, whose code cannot inline across
    // assemblies or use the machine's full instruction set, and with tiering off would never be replaced.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int Process(ReadOnlySpan<TimeTag> tags, Span<PulseDetection> output)
    {
        if (output.Length < tags.Length)
        {
            throw new ArgumentException("output must hold at least as many items as tags", nameof(output));
        }

        int written = 0;
        foreach (TimeTag tag in tags)
        {
            tagsIn++;
            if (tag.Channel == TimeTag.SyncChannel)
            {
                syncTagsIn++;
                clock.OnSyncTag(tag.TimePs);
            }
            else if ((uint)tag.Channel < TimeTag.DetectorChannelCount)
            {
                detectorTagsIn++;
                OnDetectorTag(tag, output, ref written);
            }
            else
            {
                unknownChannelTags++;
            }
        }

        return written;
    }

    /// <summary>Emits the held-back slot, if any (end of pass). <paramref name="output"/> needs room for one.</summary>
    public int Flush(Span<PulseDetection> output)
    {
        if (pendingSequence < 0)
        {
            return 0;
        }

        if (output.IsEmpty)
        {
            throw new ArgumentException("output needs room for one detection", nameof(output));
        }

        int written = 0;
        EmitPending(output, ref written);
        return written;
    }

    /// <summary>A snapshot of the counters and clock estimates.</summary>
    public PulseIndexerStatistics GetStatistics()
    {
        double nominalSyncPeriodPs = options.PulsePeriodPs * options.PulsesPerSyncWord;
        double offsetPs = clock.IsLocked ? clock.SyncTimePs - (clock.SyncWordIndex * nominalSyncPeriodPs) : 0.0;
        double ratePpm = clock.IsLocked ? ((clock.SyncPeriodPs / nominalSyncPeriodPs) - 1.0) * 1e6 : 0.0;
        return new PulseIndexerStatistics(
            tagsIn, detectorTagsIn, syncTagsIn, unknownChannelTags, beforeLock, insideGate, outsideGate,
            outOfOrder, doubleClicks, detectionsOut, clock.SyncWordsUsed, clock.SyncWordsMissed,
            clock.SpuriousTags, clock.IsLocked, offsetPs, ratePpm, clock.ResidualRmsPs, clock.Reacquisitions);
    }

    private void OnDetectorTag(TimeTag tag, Span<PulseDetection> output, ref int written)
    {
        if (!clock.IsLocked || clock.HasCoastedTooLong(tag.TimePs))
        {
            // Before lock, or seconds after the last sync word (a cloud): the clock cannot name the slot to within a
            // pulse period, and a wrongly numbered detection would poison sifting, so it is dropped.
            beforeLock++;
            return;
        }

        long sequence = clock.LocatePulse(tag.TimePs, delaysPs[tag.Channel], out double residualPs);
        if (sequence < 0 || Math.Abs(residualPs) > halfGatePs)
        {
            outsideGate++;
            return;
        }

        insideGate++;
        if (sequence == pendingSequence)
        {
            pendingDetectorMask |= 1 << tag.Channel;
            return;
        }

        if (sequence < pendingSequence || sequence <= lastEmittedSequence)
        {
            outOfOrder++;
            return;
        }

        if (pendingSequence >= 0)
        {
            EmitPending(output, ref written);
        }

        pendingSequence = sequence;
        pendingDetectorMask = 1 << tag.Channel;
    }

    private void EmitPending(Span<PulseDetection> output, ref int written)
    {
        int mask = pendingDetectorMask;
        int clicked = BitOperations.PopCount((uint)mask);
        int detector;
        if (clicked == 1)
        {
            detector = BitOperations.TrailingZeroCount(mask);
        }
        else
        {
            // Squashing: pick one clicked detector uniformly (same basis: a random bit).
            doubleClicks++;
            int pick = squashRandom.NextBelow(clicked);
            for (int i = 0; i < pick; i++)
            {
                mask &= mask - 1;
            }

            detector = BitOperations.TrailingZeroCount(mask);
        }

        output[written++] = new PulseDetection(pendingSequence, detector);
        detectionsOut++;
        lastEmittedSequence = pendingSequence;
        pendingSequence = -1;
        pendingDetectorMask = 0;
    }
}
