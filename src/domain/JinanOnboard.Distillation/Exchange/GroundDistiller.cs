using JinanOnboard.Distillation.Estimation;
using JinanOnboard.Primitives.Detections;
using JinanOnboard.Distillation.Exchange.Messages;
using JinanOnboard.Distillation.Sifting;
using JinanOnboard.Distillation.Verification;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Distillation.Exchange;

/// <summary>
/// The OGS side of real-time key distillation (system.md steps 2, 4 and 6): samples 10% of the
/// detections, sends the original key information in rounds, sifts with the payload's comparison
/// results, decodes every packet with its syndrome and verifies it, computes ℓ per PA block, sends the
/// signed PA instruction, and on the payload's signed feedback compares the CRC, stores on a match and
/// tells the payload to commit or discard. Pure: no threads, no clocks; deterministic given its seed.
/// Not thread-safe: the firmware calls it from one component queue.
/// </summary>
public sealed class GroundDistiller
{
    private const int MaxBufferedMessages = 4096;

    private readonly DistillationOptions _options;
    private readonly IDistillationLink _link;
    private readonly IReconciliationCodec _codec;
    private readonly IMessageAuthenticator _authenticator;
    private readonly IPrivacyAmplifier _amplifier;
    private readonly IDistilledKeyStore _keyStore;
    private readonly IKeyStoreLookup? _lookup;
    private readonly RandomFill _freshRandomness;
    private SplitMix64 _sampling;
    private SplitMix64 _toeplitzSeedStream;

    // The round being filled: sequence numbers, and bases, bits and sampled flags packed as the round sends them, so
    // cutting a round copies three small bitmaps and encodes the sequences in place (no per-detection lists, and no
    // 512 KB copy of the sequences per round: the sent round keeps only what the sift result needs).
    private readonly long[] _sequences;
    private readonly byte[] _bases;
    private readonly byte[] _bits;
    private readonly byte[] _sampledFlags;
    private int _roundCount;
    private readonly List<(DistillationMessageType Type, byte[] Body)> _outgoing = [];
    private readonly Dictionary<uint, GroundRound> _sentRounds = [];
    private readonly Dictionary<uint, SiftResultMessage> _earlySiftResults = [];
    private readonly Dictionary<int, SiftedPacket> _packets = [];
    private readonly Dictionary<int, SyndromeMessage> _syndromes = [];
    private readonly List<DecodedPacket> _blockPackets = [];
    private readonly Dictionary<uint, PendingBlock> _awaitingFeedback = [];
    private readonly SiftedKeyBuffer _sifted;
    private long _lastSequence = -1;
    private uint _nextRoundIndex;
    private uint _nextSiftRound;
    private int _nextPacketToResolve;
    private uint _nextBlockId;
    private bool _flushed;
    private bool _allSifted;

    /// <summary>Creates the OGS distiller for one pass.</summary>
    /// <param name="options">Settings shared with the payload.</param>
    /// <param name="link">Reliable link to the payload.</param>
    /// <param name="codec">Reconciliation codec (the LDPC decoder in production).</param>
    /// <param name="authenticator">Signs the PA instruction, verifies the payload's feedback.</param>
    /// <param name="amplifier">Toeplitz privacy amplification.</param>
    /// <param name="keyStore">The OGS key store.</param>
    /// <param name="seed">
    /// The OGS distiller's seed (the firmware passes <c>SeedSequence.Derive(runSeed, "distillation.ground")</c>): the 10 %
    /// sampling draws from its "sampling" stream and, unless <paramref name="freshRandomness"/> is given, the Toeplitz seeds
    /// come from its "toeplitz-seeds" stream (protocol-spec/seed-derivation.md).
    /// </param>
    /// <param name="freshRandomness">Source of the Toeplitz seeds; null = deterministic, from <paramref name="seed"/>.</param>
    /// <param name="lookup">Answers settlement queries about earlier passes (spec §Settlement); null = every answer is UnknownPass.</param>
    public GroundDistiller(
        DistillationOptions options,
        IDistillationLink link,
        IReconciliationCodec codec,
        IMessageAuthenticator authenticator,
        IPrivacyAmplifier amplifier,
        IDistilledKeyStore keyStore,
        ulong seed,
        RandomFill? freshRandomness = null,
        IKeyStoreLookup? lookup = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _lookup = lookup;
        _options = options;
        _link = link ?? throw new ArgumentNullException(nameof(link));
        _codec = codec ?? throw new ArgumentNullException(nameof(codec));
        _authenticator = authenticator ?? throw new ArgumentNullException(nameof(authenticator));
        _amplifier = amplifier ?? throw new ArgumentNullException(nameof(amplifier));
        _keyStore = keyStore ?? throw new ArgumentNullException(nameof(keyStore));

        // Two independent streams so that changing the round size never changes the Toeplitz seeds.
        _sampling = SeedSequence.CreateGenerator(seed, SamplingLabel);
        _toeplitzSeedStream = SeedSequence.CreateGenerator(seed, ToeplitzSeedsLabel);
        _freshRandomness = freshRandomness ?? FillFromToeplitzSeedStream;
        _sifted = new SiftedKeyBuffer(options.PacketBits);
        _sequences = new long[options.RoundDetections];
        _bases = new byte[PackedBits.ByteCount(options.RoundDetections)];
        _bits = new byte[_bases.Length];
        _sampledFlags = new byte[_bases.Length];
    }

    /// <summary>Label of the 10 % sampling stream under the distiller's seed (protocol-spec/seed-derivation.md).</summary>
    public const string SamplingLabel = "sampling";

    /// <summary>Label of the Toeplitz seed stream under the distiller's seed (protocol-spec/seed-derivation.md).</summary>
    public const string ToeplitzSeedsLabel = "toeplitz-seeds";

    /// <summary>Counters and reports for the bench output.</summary>
    public DistillationStatistics Statistics { get; } = new();

    /// <summary>Raised when a PA block reaches a final outcome (stored, no key, refused, abandoned, CRC mismatch).</summary>
    public event EventHandler<PaBlockReport>? BlockFinished;

    /// <summary>True when the pass is flushed and every block has a final outcome.</summary>
    public bool IsComplete => _allSifted && _nextPacketToResolve >= _sifted.PacketCount && _blockPackets.Count == 0 && _awaitingFeedback.Count == 0;

    /// <summary>
    /// Step 2: adds detections (sequence numbers strictly increasing). Each is sampled for the QBER
    /// estimate with probability <see cref="DistillationOptions.SampleFraction"/>. Full rounds are
    /// queued; <see cref="SendReadyRoundsAsync"/> sends them.
    /// </summary>
    /// <exception cref="ArgumentException">A sequence number does not increase, or a bit is not 0/1.</exception>
    /// <exception cref="InvalidOperationException">The pass was already flushed.</exception>
    // Hot loop: compiled at first use rather than taken from the ReadyToRun image, whose code cannot inline across
    // assemblies or use the machine's full instruction set, and with tiering off would never be replaced.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void AddDetections(ReadOnlySpan<PulseDetection> detections)
    {
        if (_flushed)
        {
            throw new InvalidOperationException("The pass is flushed; no more detections.");
        }

        double sampleFraction = _options.SampleFraction;
        foreach (PulseDetection d in detections)
        {
            if (d.Sequence <= _lastSequence)
            {
                throw new ArgumentException($"Detection sequence {d.Sequence} does not follow {_lastSequence}.", nameof(detections));
            }

            if ((uint)d.Detector > 3)
            {
                throw new ArgumentException($"Detection {d.Sequence} names detector {d.Detector}; detectors are 0..3 (basis and bit 0 or 1).", nameof(detections));
            }

            _lastSequence = d.Sequence;
            int i = _roundCount++;
            _sequences[i] = d.Sequence;
            PackedBits.Set(_bases, i, d.Basis);
            PackedBits.Set(_bits, i, d.Bit);
            bool sampled = _sampling.NextDouble() < sampleFraction;
            PackedBits.Set(_sampledFlags, i, sampled ? 1 : 0);
            Statistics.Detections++;
            if (sampled)
            {
                Statistics.SampledDetections++;
            }

            if (_roundCount == _options.RoundDetections)
            {
                CutRound(isFinal: false);
            }
        }
    }

    /// <summary>Sends the key-information rounds queued by <see cref="AddDetections"/>.</summary>
    public ValueTask SendReadyRoundsAsync(CancellationToken cancellationToken = default) => DrainAsync(cancellationToken);

    /// <summary>End of pass: sends the last (possibly empty) round flagged final.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        if (!_flushed)
        {
            CutRound(isFinal: true);
            _flushed = true;
        }

        await DrainAsync(cancellationToken);
    }

    /// <summary>Handles one message from the payload (sift result, syndrome or feedback).</summary>
    /// <exception cref="Primitives.Wire.MalformedMessageException">The body does not parse.</exception>
    /// <exception cref="DistillationProtocolException">The message is inconsistent with this side's state, or the type is not one the OGS receives.</exception>
    public async ValueTask HandleAsync(DistillationMessageType type, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        switch (type)
        {
            case DistillationMessageType.SiftResult:
                OnSiftResult(SiftResultMessage.Decode(body.Span));
                break;
            case DistillationMessageType.Syndrome:
                OnSyndrome(SyndromeMessage.Decode(body.Span));
                break;
            case DistillationMessageType.Feedback:
                OnFeedback(body.Span);
                break;
            case DistillationMessageType.SettleQuery:
                OnSettleQuery(SettleQueryMessage.Decode(body.Span));
                break;
            default:
                throw new DistillationProtocolException($"The OGS does not accept {type} messages.");
        }

        await DrainAsync(cancellationToken);
    }

    private void CutRound(bool isFinal)
    {
        int count = _roundCount;
        int bytes = PackedBits.ByteCount(count);
        byte[] bases = _bases.AsSpan(0, bytes).ToArray();
        byte[] bits = _bits.AsSpan(0, bytes).ToArray();
        byte[] sampled = _sampledFlags.AsSpan(0, bytes).ToArray();
        ClearPadding(bases, count);
        ClearPadding(bits, count);
        ClearPadding(sampled, count);

        var round = new GroundRound(_nextRoundIndex++, isFinal, count, bases, bits, sampled);
        _outgoing.Add((DistillationMessageType.KeyInformation, round.EncodeKeyInformation(_sequences.AsSpan(0, count))));
        _roundCount = 0;
        _bases.AsSpan(0, bytes).Clear();
        _bits.AsSpan(0, bytes).Clear();
        _sampledFlags.AsSpan(0, bytes).Clear();
        _sentRounds[round.Index] = round;
    }

    /// <summary>Zeroes the bits past <paramref name="count"/> in the last byte (canonical padding on the wire).</summary>
    private static void ClearPadding(byte[] packed, int count)
    {
        int used = count & 7;
        if (used != 0)
        {
            packed[^1] &= (byte)((1 << used) - 1);
        }
    }

    private void OnSiftResult(SiftResultMessage message)
    {
        if (message.RoundIndex < _nextSiftRound)
        {
            return; // duplicate delivery
        }

        if (!_sentRounds.ContainsKey(message.RoundIndex))
        {
            throw new DistillationProtocolException($"Sift result for round {message.RoundIndex}, which was never sent.");
        }

        _earlySiftResults[message.RoundIndex] = message;
        while (_earlySiftResults.Remove(_nextSiftRound, out SiftResultMessage? next))
        {
            GroundRound round = _sentRounds[_nextSiftRound];
            ApplySiftResult(round, next);
            _sentRounds.Remove(_nextSiftRound);
            _nextSiftRound++;
        }

        ResolvePackets();
    }

    private void ApplySiftResult(GroundRound round, SiftResultMessage message)
    {
        if (message.DetectionCount != round.Count || message.IsFinal != round.IsFinal)
        {
            throw new DistillationProtocolException(
                $"Sift result of round {round.Index} covers {message.DetectionCount} detections (final={message.IsFinal}); the round has {round.Count} (final={round.IsFinal}).");
        }

        int matchedIndex = 0;
        for (int i = 0; i < round.Count; i++)
        {
            if (PackedBits.Get(message.Matched, i) == 0)
            {
                continue;
            }

            int intensity = message.IntensityOf(matchedIndex++);
            if (PackedBits.Get(round.Sampled, i) != 0)
            {
                continue; // sampled bits were disclosed; they estimate the QBER and never enter the key
            }

            Statistics.SiftedBits++;
            SiftedPacket? packet = _sifted.Append(PackedBits.Get(round.Bits, i), SiftedBitClass.Of(round.BasisOf(i), (byte)intensity));
            if (packet is not null)
            {
                _packets[packet.PacketId] = packet;
                Statistics.SiftedPackets++;
                Statistics.SetPacket(new PacketReport(packet.PacketId, double.NaN, null, 0, PacketOutcome.Pending));
            }
        }

        if (round.IsFinal)
        {
            _allSifted = true;
        }
    }

    private void OnSyndrome(SyndromeMessage message)
    {
        if (message.PacketId < _nextPacketToResolve)
        {
            return; // duplicate delivery
        }

        if (_syndromes.Count >= MaxBufferedMessages && !_syndromes.ContainsKey(message.PacketId))
        {
            throw new DistillationProtocolException($"More than {MaxBufferedMessages} syndromes ahead of sifting; dropping packet {message.PacketId}.");
        }

        _syndromes[message.PacketId] = message;
        ResolvePackets();
    }

    /// <summary>Decodes packets in id order as soon as both the sifted packet and its syndrome are here.</summary>
    private void ResolvePackets()
    {
        while (_packets.TryGetValue(_nextPacketToResolve, out SiftedPacket? packet)
            && _syndromes.Remove(_nextPacketToResolve, out SyndromeMessage? syndrome))
        {
            _packets.Remove(_nextPacketToResolve);
            _nextPacketToResolve++;
            DecodedPacket? decoded = Decode(packet, syndrome);
            if (decoded is null)
            {
                continue;
            }

            _blockPackets.Add(decoded);
            if (_blockPackets.Count == _options.BlockPackets)
            {
                BuildBlock();
            }
        }

        // End of pass: the last, shorter block (still a whole number of packets) is amplified too.
        if (_allSifted && _nextPacketToResolve >= _sifted.PacketCount && _blockPackets.Count > 0)
        {
            BuildBlock();
        }
    }

    private DecodedPacket? Decode(SiftedPacket packet, SyndromeMessage syndrome)
    {
        double sampledQber = syndrome.QberPpm / 1e6;
        int packetBits = _options.PacketBits;
        var failed = new PacketReport(packet.PacketId, sampledQber, null, syndrome.SyndromeBits, PacketOutcome.DecodeFailed);
        int codeSyndromeBits = _codec.GetSyndromeBits(syndrome.CodeId, packetBits);
        if (codeSyndromeBits < 0)
        {
            Statistics.SetPacket(failed with { Outcome = PacketOutcome.UnknownCode });
            return null;
        }

        if (syndrome.PacketBits != packetBits || codeSyndromeBits != syndrome.SyndromeBits)
        {
            Statistics.SetPacket(failed);
            return null;
        }

        var corrected = new byte[packet.Bits.Length];
        double decoderQber = _options.Reconciliation.Clamp(sampledQber); // the wire allows 0..0.5; the decoder needs the policy's range
        if (!_codec.TryDecode(syndrome.CodeId, packetBits, packet.Bits, syndrome.Syndrome, decoderQber, corrected))
        {
            Statistics.SetPacket(failed);
            return null;
        }

        if (PolynomialHash64.Compute(corrected, packetBits, syndrome.HashKey) != syndrome.HashTag)
        {
            Statistics.SetPacket(failed with { Outcome = PacketOutcome.VerificationFailed });
            return null;
        }

        var errors = new long[SiftedBitClass.Count];
        long corrections = ErrorCounts.Accumulate(packet.Bits, corrected, packet.Classes, errors);
        Statistics.SetPacket(new PacketReport(packet.PacketId, sampledQber, (double)corrections / packetBits, syndrome.SyndromeBits, PacketOutcome.Decoded));
        return new DecodedPacket(packet.PacketId, corrected, packet.CountPerClass(), errors, syndrome.SyndromeBits + PolynomialHash64.TagBits);
    }

    private void BuildBlock()
    {
        uint blockId = _nextBlockId++;
        int[] packetIds = [.. _blockPackets.Select(p => p.PacketId)];
        var detections = new long[SiftedBitClass.Count];
        var errors = new long[SiftedBitClass.Count];
        long lambdaEcBits = 0;
        foreach (DecodedPacket p in _blockPackets)
        {
            for (int c = 0; c < SiftedBitClass.Count; c++)
            {
                detections[c] += p.Detections[c];
                errors[c] += p.Errors[c];
            }

            lambdaEcBits += p.DisclosedBits;
        }

        byte[] input = BlockKeyLength.Concatenate([.. _blockPackets.Select(p => p.Corrected)]);
        _blockPackets.Clear();
        long inputBits = detections.Sum();
        long keyBits = BlockKeyLength.Compute(_options, detections, errors, lambdaEcBits);
        byte[] seed = [];
        if (keyBits > 0)
        {
            // Fresh Toeplitz seed of n + ℓ − 1 bits chosen by the OGS (issue 3 item 7), canonical zero padding.
            long seedBits = inputBits + keyBits - 1;
            seed = new byte[PackedBits.ByteCount(seedBits)];
            _freshRandomness(seed);
            int used = (int)(seedBits & 7);
            if (used != 0)
            {
                seed[^1] &= (byte)((1 << used) - 1);
            }
        }

        var instruction = new PaInstructionMessage(blockId, packetIds, detections, errors, lambdaEcBits, keyBits, seed);
        _outgoing.Add((DistillationMessageType.PaInstruction, instruction.Encode(_authenticator)));
        PaBlockReport report = BlockKeyLength.Report(blockId, packetIds, detections, errors, lambdaEcBits, keyBits, BlockOutcome.Pending);
        if (keyBits == 0)
        {
            Finish(report with { Outcome = BlockOutcome.NoKey });
            return;
        }

        var key = new byte[PackedBits.ByteCount(keyBits)];
        _amplifier.Apply(seed, input, checked((int)inputBits), key, checked((int)keyBits));
        _awaitingFeedback[blockId] = new PendingBlock(key, report);
        Statistics.SetBlock(report);
    }

    private void OnFeedback(ReadOnlySpan<byte> body)
    {
        if (!SignedBody.TryVerify(body, _authenticator, "feedback", out ReadOnlySpan<byte> signedPart))
        {
            // system.md step 6: a feedback that fails authentication abandons the block.
            uint claimedId = SignedBody.PeekBlockId(body);
            if (_awaitingFeedback.Remove(claimedId, out PendingBlock? abandoned))
            {
                Conclude(abandoned, BlockOutcome.Abandoned, store: false);
            }

            return;
        }

        FeedbackMessage feedback = FeedbackMessage.Decode(signedPart);
        if (!_awaitingFeedback.Remove(feedback.BlockId, out PendingBlock? pending))
        {
            return; // duplicate or unknown block
        }

        switch (feedback.Status)
        {
            case FeedbackStatus.KeyGenerated:
                bool match = feedback.KeyBits == pending.Report.KeyBits && feedback.KeyCrc64 == BlockKeyLength.KeyCrc(pending.Key, pending.Report.KeyBits);
                Conclude(pending, match ? BlockOutcome.Stored : BlockOutcome.CrcMismatch, store: match);
                break;
            case FeedbackStatus.Refused:
                Conclude(pending, BlockOutcome.Refused, store: false);
                break;
            default:
                Conclude(pending, BlockOutcome.Abandoned, store: false);
                break;
        }
    }

    /// <summary>Answers from the key store; without one (or for a pass it holds nothing of) the answer is UnknownPass.</summary>
    private void OnSettleQuery(SettleQueryMessage query)
    {
        var entries = query.Keys.Select(key => (key, _lookup?.Lookup(key) ?? SettlementDecision.UnknownPass)).ToArray();
        _outgoing.Add((DistillationMessageType.Settlement, new SettlementMessage(entries).Encode()));
    }

    private void Conclude(PendingBlock pending, BlockOutcome outcome, bool store)
    {
        if (store)
        {
            // Store first, then tell the payload to commit: if the commit never arrives the OGS holds a key
            // the payload lacks (the residual two-generals case; protocol-spec/distillation.md §Commit).
            _keyStore.Append(pending.Report.BlockId, pending.Key, pending.Report.KeyBits);
            Statistics.FinalKeyBits += pending.Report.KeyBits;
        }

        Array.Clear(pending.Key);
        _outgoing.Add((DistillationMessageType.Commit, new CommitMessage(pending.Report.BlockId, store).Encode()));
        Finish(pending.Report with { Outcome = outcome });
    }

    /// <summary>Deterministic mode: the seed's bytes in order, 8 per SplitMix64 draw, little-endian (seed-derivation.md).</summary>
    private void FillFromToeplitzSeedStream(Span<byte> destination) => _toeplitzSeedStream.Fill(destination);

    private void Finish(PaBlockReport report)
    {
        Statistics.SetBlock(report);
        BlockFinished?.Invoke(this, report);
    }

    private async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        // Take the batch first: a synchronous link may call back into this instance.
        while (_outgoing.Count > 0)
        {
            (DistillationMessageType Type, byte[] Body)[] batch = [.. _outgoing];
            _outgoing.Clear();
            foreach ((DistillationMessageType type, byte[] body) in batch)
            {
                await _link.SendAsync(type, body, cancellationToken);
            }
        }
    }

    private sealed record DecodedPacket(int PacketId, byte[] Corrected, long[] Detections, long[] Errors, long DisclosedBits);

    private sealed record PendingBlock(byte[] Key, PaBlockReport Report);
}
