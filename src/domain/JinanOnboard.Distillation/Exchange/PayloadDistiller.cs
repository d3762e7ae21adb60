using JinanOnboard.Distillation.Estimation;
using JinanOnboard.Distillation.Exchange.Messages;
using JinanOnboard.Distillation.Sifting;
using JinanOnboard.Distillation.Verification;
using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Source;

namespace JinanOnboard.Distillation.Exchange;

/// <summary>
/// The payload side of real-time key distillation (system.md steps 3 and 5): looks up its cached
/// random numbers for every detection the OGS names, compares bases and returns the matches with the
/// intensity of every matched pulse, estimates the QBER from the sampled bits, and for each sifted
/// packet sends a syndrome and a verification hash. On the signed PA instruction it recomputes ℓ from
/// the carried counts (refusing a disagreement), runs privacy amplification, holds the key pending and
/// sends signed feedback with its CRC; it stores the key only on the OGS's commit.
/// Pure: no threads, no clocks; deterministic given its seed. Not thread-safe.
/// </summary>
public sealed class PayloadDistiller
{
    private const int MaxBufferedRounds = 256;

    private readonly IPulseRandomStore _store;
    private readonly DistillationOptions _options;
    private readonly IDistillationLink _link;
    private readonly IReconciliationCodec _codec;
    private readonly IMessageAuthenticator _authenticator;
    private readonly IPrivacyAmplifier _amplifier;
    private readonly IDistilledKeyStore _keyStore;
    private readonly IPendingKeyJournal? _journal;
    private readonly HashSet<PendingKeyName> _queried = [];
    private readonly RandomFill _freshRandomness;
    private SplitMix64 _hashKeyStream;
    private readonly SampledQberEstimator _qber;
    private readonly SiftedKeyBuffer _sifted;
    private readonly Dictionary<uint, KeyInformationMessage> _earlyRounds = [];
    private readonly SortedDictionary<int, PayloadPacket> _packets = [];
    private readonly Dictionary<uint, PendingKey> _pendingKeys = [];
    private readonly HashSet<uint> _handledBlocks = [];
    private readonly List<(DistillationMessageType Type, byte[] Body)> _outgoing = [];
    private uint _nextRound;
    private long _lastSequence = -1;
    private PulseChoice[] _choices = [];

    /// <summary>Creates the payload distiller for one pass.</summary>
    /// <param name="store">The cached random numbers that chose every pulse.</param>
    /// <param name="options">Settings shared with the OGS.</param>
    /// <param name="link">Reliable link to the OGS.</param>
    /// <param name="codec">Reconciliation codec (LDPC syndromes in production).</param>
    /// <param name="authenticator">Signs the feedback, verifies the OGS's PA instruction.</param>
    /// <param name="amplifier">Toeplitz privacy amplification.</param>
    /// <param name="keyStore">The payload key store.</param>
    /// <param name="seed">
    /// The payload distiller's seed (the firmware passes <c>SeedSequence.Derive(runSeed, "distillation.payload")</c>); the
    /// verification-hash keys, unless <paramref name="freshRandomness"/> is given, come from its "hash-keys" stream
    /// (protocol-spec/seed-derivation.md).
    /// </param>
    /// <param name="freshRandomness">Source of the verification-hash keys; null = deterministic, from <paramref name="seed"/>.</param>
    /// <param name="journal">Durable pending keys (spec §Settlement); null = pending keys live in memory only.</param>
    public PayloadDistiller(
        IPulseRandomStore store,
        DistillationOptions options,
        IDistillationLink link,
        IReconciliationCodec codec,
        IMessageAuthenticator authenticator,
        IPrivacyAmplifier amplifier,
        IDistilledKeyStore keyStore,
        ulong seed,
        RandomFill? freshRandomness = null,
        IPendingKeyJournal? journal = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _journal = journal;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options;
        _link = link ?? throw new ArgumentNullException(nameof(link));
        _codec = codec ?? throw new ArgumentNullException(nameof(codec));
        _authenticator = authenticator ?? throw new ArgumentNullException(nameof(authenticator));
        _amplifier = amplifier ?? throw new ArgumentNullException(nameof(amplifier));
        _keyStore = keyStore ?? throw new ArgumentNullException(nameof(keyStore));
        _hashKeyStream = SeedSequence.CreateGenerator(seed, HashKeysLabel);
        _freshRandomness = freshRandomness ?? FillFromHashKeyStream;
        _qber = new SampledQberEstimator(options.DefaultQber);
        _sifted = new SiftedKeyBuffer(options.PacketBits);
    }

    /// <summary>Label of the verification-hash key stream under the distiller's seed (protocol-spec/seed-derivation.md).</summary>
    public const string HashKeysLabel = "hash-keys";

    /// <summary>Counters and reports for the bench output.</summary>
    public DistillationStatistics Statistics { get; } = new();

    /// <summary>Raised when a PA block reaches a final outcome on the payload.</summary>
    public event EventHandler<PaBlockReport>? BlockFinished;

    /// <summary>The current sampled QBER estimate.</summary>
    public double SampledQber => _qber.Estimate;

    /// <summary>True once the final round has been processed.</summary>
    public bool PassComplete { get; private set; }

    /// <summary>Keys generated and awaiting the OGS's commit.</summary>
    public int PendingKeyCount => _pendingKeys.Count;

    /// <summary>Keys of earlier passes queried by <see cref="QueryEarlierPassesAsync"/> and not yet answered.</summary>
    public int AwaitingSettlement => _queried.Count;

    /// <summary>Keys of earlier passes the OGS's settlement moved into the key store (this contact).</summary>
    public int EarlierKeysStored { get; private set; }

    /// <summary>Keys of earlier passes the OGS's settlement erased (this contact).</summary>
    public int EarlierKeysDiscarded { get; private set; }

    /// <summary>
    /// Asks the OGS about the keys of earlier passes still pending in the journal (spec §Settlement), in messages of at
    /// most <see cref="SettleQueryMessage.MaxEntries"/> keys. Call once at the start of a contact.
    /// </summary>
    public async ValueTask QueryEarlierPassesAsync(CancellationToken cancellationToken = default)
    {
        if (_journal is null)
        {
            return;
        }

        var unsettled = new List<PendingKeyName>();
        foreach (PendingKeyName key in _journal.Unsettled)
        {
            if (_queried.Add(key))
            {
                unsettled.Add(key); // not yet asked in this contact
            }
        }

        for (int at = 0; at < unsettled.Count; at += SettleQueryMessage.MaxEntries)
        {
            List<PendingKeyName> part = unsettled.GetRange(at, Math.Min(SettleQueryMessage.MaxEntries, unsettled.Count - at));
            await _link.SendAsync(DistillationMessageType.SettleQuery, new SettleQueryMessage(part).Encode(), cancellationToken);
        }
    }

    /// <summary>Handles one message from the OGS (key information, PA instruction or commit).</summary>
    /// <exception cref="Primitives.Wire.MalformedMessageException">The body does not parse.</exception>
    /// <exception cref="DistillationProtocolException">The message is inconsistent with this side's state, or the type is not one the payload receives.</exception>
    public async ValueTask HandleAsync(DistillationMessageType type, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        switch (type)
        {
            case DistillationMessageType.KeyInformation:
                OnKeyInformation(KeyInformationMessage.Decode(body.Span));
                break;
            case DistillationMessageType.PaInstruction:
                OnInstruction(body.Span);
                break;
            case DistillationMessageType.Commit:
                OnCommit(CommitMessage.Decode(body.Span));
                break;
            case DistillationMessageType.Settlement:
                OnSettlement(SettlementMessage.Decode(body.Span));
                break;
            default:
                throw new DistillationProtocolException($"The payload does not accept {type} messages.");
        }

        while (_outgoing.Count > 0)
        {
            (DistillationMessageType Type, byte[] Body)[] batch = [.. _outgoing];
            _outgoing.Clear();
            foreach ((DistillationMessageType t, byte[] b) in batch)
            {
                await _link.SendAsync(t, b, cancellationToken);
            }
        }
    }

    private void OnKeyInformation(KeyInformationMessage message)
    {
        if (message.RoundIndex < _nextRound || PassComplete)
        {
            return; // duplicate delivery
        }

        if (message.RoundIndex - _nextRound >= MaxBufferedRounds)
        {
            throw new DistillationProtocolException($"Round {message.RoundIndex} is more than {MaxBufferedRounds} rounds ahead of {_nextRound}.");
        }

        _earlyRounds[message.RoundIndex] = message;
        while (!PassComplete && _earlyRounds.Remove(_nextRound, out KeyInformationMessage? next))
        {
            ProcessRound(next);
            _nextRound++;
        }
    }

    /// <summary>Step 3: look up, compare bases, return matches and intensities, then syndromes of full packets.</summary>
    // Hot loop: compiled at first use rather than taken from the ReadyToRun image, whose code cannot inline across
    // assemblies or use the machine's full instruction set, and with tiering off would never be replaced.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void ProcessRound(KeyInformationMessage round)
    {
        if (round.Count > 0 && (round.Sequences[0] <= _lastSequence || round.Sequences[^1] >= _store.PulseCapacity))
        {
            throw new DistillationProtocolException(
                $"Round {round.RoundIndex} names sequence numbers {round.Sequences[0]}..{round.Sequences[^1]}, not after {_lastSequence} or beyond the pass.");
        }

        var matched = new byte[PackedBits.ByteCount(round.Count)];
        var intensities = new byte[PackedBits.ByteCount(2L * round.Count)];
        var newPackets = new List<SiftedPacket>();
        int matchedCount = 0;
        int sampledIndex = 0;

        // One batched look-up of the round's pulses (SIMD Philox in the generated store) into a reused buffer.
        if (_choices.Length < round.Count)
        {
            _choices = new PulseChoice[round.Count];
        }

        _store.GetChoicesAt(round.Sequences, _choices);
        for (int i = 0; i < round.Count; i++)
        {
            PulseChoice choice = _choices[i];
            bool sampled = PackedBits.Get(round.Sampled, i) != 0;
            int sampledBit = sampled ? PackedBits.Get(round.SampledBits, sampledIndex++) : 0;
            if ((int)choice.Basis != PackedBits.Get(round.Bases, i))
            {
                continue;
            }

            PackedBits.Set(matched, i, 1);
            PackedBits.Set(intensities, 2L * matchedCount, choice.IntensityIndex & 1);
            PackedBits.Set(intensities, (2L * matchedCount) + 1, choice.IntensityIndex >> 1);
            matchedCount++;
            if (sampled)
            {
                _qber.Add(sampledBit != choice.Bit);
                continue;
            }

            Statistics.SiftedBits++;
            SiftedPacket? packet = _sifted.Append(choice.Bit, SiftedBitClass.Of(choice.Basis, choice.IntensityIndex));
            if (packet is not null)
            {
                newPackets.Add(packet);
            }
        }

        _lastSequence = round.Count > 0 ? round.Sequences[^1] : _lastSequence;
        Statistics.Detections += round.Count;
        Statistics.SampledDetections += sampledIndex;
        Array.Resize(ref intensities, PackedBits.ByteCount(2L * matchedCount));
        _outgoing.Add((DistillationMessageType.SiftResult, new SiftResultMessage(round.RoundIndex, round.IsFinal, round.Count, matched, intensities).Encode()));

        foreach (SiftedPacket packet in newPackets)
        {
            SendSyndrome(packet);
        }

        PassComplete = round.IsFinal;
    }

    private void SendSyndrome(SiftedPacket packet)
    {
        int packetBits = _options.PacketBits;
        double estimate = _options.Reconciliation.Clamp(_qber.Estimate); // the one clamp: reported, sent and provisioned for
        ReconciliationCodeChoice code = _codec.SelectCode(_options.Reconciliation.SelectionQber(estimate), packetBits);
        var syndrome = new byte[PackedBits.ByteCount(code.SyndromeBits)];
        _codec.ComputeSyndrome(code.CodeId, packetBits, packet.Bits, syndrome);

        // A fresh verification-hash key per packet (PolynomialHash64); the tag's 64 bits count in λ_EC.
        Span<byte> keyBytes = stackalloc byte[8];
        _freshRandomness(keyBytes);
        ulong hashKey = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(keyBytes);
        ulong tag = PolynomialHash64.Compute(packet.Bits, packetBits, hashKey);
        uint qberPpm = (uint)Math.Round(estimate * 1e6);
        var message = new SyndromeMessage(packet.PacketId, packetBits, code.CodeId, qberPpm, code.SyndromeBits, syndrome, hashKey, tag);
        _outgoing.Add((DistillationMessageType.Syndrome, message.Encode()));
        _packets[packet.PacketId] = new PayloadPacket(packet.Bits, packet.CountPerClass(), code.SyndromeBits + PolynomialHash64.TagBits);
        Statistics.SiftedPackets++;
        Statistics.SetPacket(new PacketReport(packet.PacketId, estimate, null, code.SyndromeBits, PacketOutcome.Pending));
    }

    /// <summary>Step 5: authenticate, check the counts and ℓ, amplify, hold pending, send signed feedback.</summary>
    private void OnInstruction(ReadOnlySpan<byte> body)
    {
        if (!SignedBody.TryVerify(body, _authenticator, "PA instruction", out ReadOnlySpan<byte> signedPart))
        {
            // system.md step 5: authentication failed, the final key generation of this block is abandoned.
            uint claimedId = SignedBody.PeekBlockId(body);
            if (_handledBlocks.Add(claimedId))
            {
                SendFeedback(new FeedbackMessage(claimedId, FeedbackStatus.Abandoned, 0, 0));
                Finish(new PaBlockReport(claimedId, [], 0, 0, 0, EmptyCounts, EmptyCounts, BlockOutcome.Abandoned));
            }

            return;
        }

        PaInstructionMessage instruction = PaInstructionMessage.Decode(signedPart);
        if (!_handledBlocks.Add(instruction.BlockId))
        {
            return; // duplicate delivery
        }

        // The OGS names only packets it decoded and verified (it discards the others before building a block), so a
        // signed instruction is the payload's evidence that they were decoded, whatever becomes of the block.
        foreach (int id in instruction.PacketIds)
        {
            Statistics.ResolvePacket(id, PacketOutcome.Decoded);
        }

        PaBlockReport report = BlockKeyLength.Report(
            instruction.BlockId, instruction.PacketIds, instruction.Detections, instruction.Errors, instruction.LambdaEcBits, instruction.KeyBits, BlockOutcome.Pending);
        string? problem = CheckInstruction(instruction, out List<byte[]> packetBits);
        byte[] input = problem is null && instruction.KeyBits > 0 ? BlockKeyLength.Concatenate(packetBits) : [];
        ReleasePackets(instruction.PacketIds);
        if (problem is not null)
        {
            SendFeedback(new FeedbackMessage(instruction.BlockId, FeedbackStatus.Refused, 0, 0));
            Finish(report with { Outcome = BlockOutcome.Refused });
            LastRefusal = problem;
            return;
        }

        if (instruction.KeyBits == 0)
        {
            Finish(report with { Outcome = BlockOutcome.NoKey });
            return;
        }

        var key = new byte[PackedBits.ByteCount(instruction.KeyBits)];
        _amplifier.Apply(instruction.Seed, input, checked((int)instruction.InputBits), key, checked((int)instruction.KeyBits));
        Array.Clear(input);
        _pendingKeys[instruction.BlockId] = new PendingKey(key, report);
        _journal?.Hold(instruction.BlockId, key, instruction.KeyBits); // durable before the feedback leaves
        Statistics.SetBlock(report);
        SendFeedback(new FeedbackMessage(instruction.BlockId, FeedbackStatus.KeyGenerated, instruction.KeyBits, BlockKeyLength.KeyCrc(key, instruction.KeyBits)));
    }

    /// <summary>
    /// Takes the OGS's outcome of the packets no instruction named: a packet the OGS discarded (decoding or verification
    /// failed, unknown code) is never mentioned again on the distillation protocol, so only the OGS's end-of-session
    /// report says what became of it. Packets already resolved here (named by an instruction) keep this side's outcome.
    /// </summary>
    /// <returns>The number of packets resolved.</returns>
    public int AdoptOgsPacketOutcomes(IEnumerable<KeyValuePair<int, PacketOutcome>> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        int resolved = 0;
        foreach ((int id, PacketOutcome outcome) in outcomes)
        {
            resolved += Statistics.ResolvePacket(id, outcome) ? 1 : 0;
        }

        return resolved;
    }

    /// <summary>The reason of the last refused instruction (for logs; never contains key material).</summary>
    public string? LastRefusal { get; private set; }

    private string? CheckInstruction(PaInstructionMessage instruction, out List<byte[]> packetBits)
    {
        packetBits = [];
        var detections = new long[SiftedBitClass.Count];
        long lambdaEcBits = 0;
        foreach (int id in instruction.PacketIds)
        {
            if (!_packets.TryGetValue(id, out PayloadPacket? packet))
            {
                return $"block {instruction.BlockId} names packet {id}, which the payload does not hold";
            }

            packetBits.Add(packet.Bits);
            lambdaEcBits += packet.DisclosedBits;
            for (int c = 0; c < SiftedBitClass.Count; c++)
            {
                detections[c] += packet.Detections[c];
            }
        }

        for (int c = 0; c < SiftedBitClass.Count; c++)
        {
            if (detections[c] != instruction.Detections[c])
            {
                return $"block {instruction.BlockId}: n of class {c} is {instruction.Detections[c]}, the payload counts {detections[c]}";
            }
        }

        if (lambdaEcBits != instruction.LambdaEcBits)
        {
            return $"block {instruction.BlockId}: λ_EC {instruction.LambdaEcBits} differs from the {lambdaEcBits} bits the payload disclosed";
        }

        long keyBits;
        try
        {
            keyBits = BlockKeyLength.Compute(_options, instruction.Detections, instruction.Errors, instruction.LambdaEcBits);
        }
        catch (ArgumentException ex)
        {
            return $"block {instruction.BlockId}: counts rejected by the finite-key analysis ({ex.Message})";
        }

        return keyBits == instruction.KeyBits
            ? null
            : $"block {instruction.BlockId}: ℓ {instruction.KeyBits} differs from the recomputed {keyBits}";
    }

    private void OnCommit(CommitMessage commit)
    {
        if (!_pendingKeys.Remove(commit.BlockId, out PendingKey? pending))
        {
            return; // duplicate, or a block that produced no key here
        }

        if (commit.Commit)
        {
            _keyStore.Append(commit.BlockId, pending.Key, pending.Report.KeyBits);
            Statistics.FinalKeyBits += pending.Report.KeyBits;
        }

        _journal?.Settle(commit.BlockId);
        Array.Clear(pending.Key);
        Finish(pending.Report with { Outcome = commit.Commit ? BlockOutcome.Stored : BlockOutcome.Discarded });
    }

    private void OnSettlement(SettlementMessage settlement)
    {
        foreach ((PendingKeyName key, SettlementDecision decision) in settlement.Entries)
        {
            // Only keys this payload asked about: a settlement never touches this pass's blocks (Commit decides those).
            if (_journal is null || !_queried.Remove(key))
            {
                continue;
            }

            _journal.SettleEarlier(key, decision);
            if (decision == SettlementDecision.Stored)
            {
                EarlierKeysStored++;
            }
            else if (decision == SettlementDecision.NotStored)
            {
                EarlierKeysDiscarded++;
            }
        }
    }

    /// <summary>
    /// Frees exactly the packets a block names. Instructions can arrive out of block order (a lost
    /// frame is retransmitted after later ones), so packets below a block are not assumed to be done:
    /// an earlier block may still name them. Packets the OGS discarded stay until the end of the pass.
    /// </summary>
    private void ReleasePackets(IReadOnlyList<int> packetIds)
    {
        foreach (int id in packetIds)
        {
            if (_packets.Remove(id, out PayloadPacket? packet))
            {
                Array.Clear(packet.Bits);
            }
        }
    }

    /// <summary>Deterministic mode: 8 bytes per key, little-endian of one SplitMix64 draw (seed-derivation.md).</summary>
    private void FillFromHashKeyStream(Span<byte> destination) => _hashKeyStream.Fill(destination);

    private void SendFeedback(FeedbackMessage feedback) =>
        _outgoing.Add((DistillationMessageType.Feedback, feedback.Encode(_authenticator)));

    private void Finish(PaBlockReport report)
    {
        Statistics.SetBlock(report);
        BlockFinished?.Invoke(this, report);
    }

    private static readonly FiniteKey.BasisCounts EmptyCounts = new(new(0, 0, 0), new(0, 0, 0));

    private sealed record PayloadPacket(byte[] Bits, long[] Detections, long DisclosedBits);

    private sealed record PendingKey(byte[] Key, PaBlockReport Report);
}
