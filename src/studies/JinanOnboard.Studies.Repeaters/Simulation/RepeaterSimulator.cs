using JinanOnboard.Primitives.Randomness;
using JinanOnboard.Studies.Repeaters.Chain;

namespace JinanOnboard.Studies.Repeaters.Simulation;

/// <summary>
/// Event-driven Monte Carlo of a repeater chain (models.md §10). Links regenerate as soon as both their memory slots are
/// free; a node swaps as soon as it knows both its pairs exist ("swap as soon as possible"); the end nodes measure when
/// the end-to-end pair exists (their basis choice needs no swap outcome: the Pauli corrections are applied to the bits
/// afterwards). Failed heralding cycles are never simulated: one geometric draw gives the cycle that succeeds.
/// Memory dephasing is applied when a qubit is used (lazily); a cutoff event discards a pair whose older qubit reaches
/// t_cut. All state lives in arrays allocated once, and events are structs in one priority queue, so the loop allocates
/// nothing. Streams: derive(seed, "repeater.trials") for the geometric draws, derive(seed, "repeater.swaps") for the
/// Bell-measurement outcomes (protocol-spec/seed-derivation.md).
/// </summary>
public sealed class RepeaterSimulator
{
    /// <summary>Label of the stream of geometric trial counts.</summary>
    public const string TrialsStream = "repeater.trials";

    /// <summary>Label of the stream of swap outcomes.</summary>
    public const string SwapsStream = "repeater.swaps";

    private const int Free = -1;

    private readonly int _lastNode;
    private readonly double _coherenceS;
    private readonly double _cutoffS;
    private readonly double _swapSuccess;

    // Per link.
    private readonly double[] _cycleS;
    private readonly double[] _flightS;
    private readonly double[] _logFailure;
    private readonly double[] _freshBias;
    private readonly bool[] _emitterIsLeft;
    private readonly bool[] _linkBusy;

    // Per node: the qubit in the slot towards the left/right neighbour (partner = node at the pair's other end).
    private readonly int[] _leftPartner;
    private readonly int[] _rightPartner;
    private readonly double[] _leftStoredS;
    private readonly double[] _rightStoredS;
    private readonly double[] _leftKnownS;
    private readonly double[] _rightKnownS;

    // Per pair, kept at its left end: bit-flip and phase-flip biases (1 − 2p) of everything applied so far, and a
    // version that changes whenever the pair is extended, consumed or discarded (its cutoff event then goes stale).
    private readonly double[] _biasX;
    private readonly double[] _biasZ;
    private readonly long[] _pairVersion;

    // Per node: changes whenever one of its slots is filled or freed (a pending swap at the node then goes stale).
    private readonly long[] _slotEpoch;

    private readonly PriorityQueue<RepeaterEvent, EventOrder> _queue;
    private SplitMix64 _trials;
    private SplitMix64 _swaps;
    private long _sequence;
    private double _now;

    private long _delivered;
    private double _sumErrorX;
    private double _sumErrorZ;
    private long _swapAttempts;
    private long _swapFailures;
    private long _discards;
    private long _stale;
    private double _maxAgeS;
    private double _sumAgeS;
    private long _agedQubits;

    /// <summary>Prepare a run of <paramref name="chain"/> with the streams of <paramref name="seed"/>.</summary>
    public RepeaterSimulator(RepeaterChain chain, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(chain);
        chain.Validate();
        int links = chain.Links.Count;
        _lastNode = links;
        _coherenceS = chain.Settings.CoherenceTimeS;
        _cutoffS = chain.Settings.CutoffS;
        _swapSuccess = chain.Settings.SwapSuccessProbability;

        _cycleS = new double[links];
        _flightS = new double[links];
        _logFailure = new double[links];
        _freshBias = new double[links];
        _emitterIsLeft = new bool[links];
        _linkBusy = new bool[links];
        for (int i = 0; i < links; i++)
        {
            RepeaterLink link = chain.Links[i];
            _cycleS[i] = chain.CycleS(i);
            _flightS[i] = link.FlightS;
            _logFailure[i] = GeometricTrials.LogFailure(chain.PerCycleSuccess(i));
            _freshBias[i] = 1.0 - (2.0 * link.InitialError);
            _emitterIsLeft[i] = link.EmitterIsLeft;
        }

        int nodes = links + 1;
        _leftPartner = new int[nodes];
        _rightPartner = new int[nodes];
        Array.Fill(_leftPartner, Free);
        Array.Fill(_rightPartner, Free);
        _leftStoredS = new double[nodes];
        _rightStoredS = new double[nodes];
        _leftKnownS = new double[nodes];
        _rightKnownS = new double[nodes];
        _biasX = new double[nodes];
        _biasZ = new double[nodes];
        _pairVersion = new long[nodes];
        _slotEpoch = new long[nodes];

        // At most one generation or arrival per link, one swap and one live cutoff per node, plus stale leftovers.
        _queue = new PriorityQueue<RepeaterEvent, EventOrder>(8 * nodes);
        _trials = SeedSequence.CreateGenerator(seed, TrialsStream);
        _swaps = SeedSequence.CreateGenerator(seed, SwapsStream);
    }

    /// <summary>Process <paramref name="maxEvents"/> events (or until nothing is left to happen) and report.</summary>
    public RepeaterRunResult Run(long maxEvents)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEvents);
        for (int link = 0; link < _cycleS.Length; link++)
        {
            TryStartLink(link);
        }

        long processed = 0;
        while (processed < maxEvents && _queue.TryDequeue(out RepeaterEvent e, out EventOrder order))
        {
            _now = order.TimeS;
            processed++;
            switch (e.Kind)
            {
                case RepeaterEventKind.PairGeneration:
                    OnPairGeneration(e.Index);
                    break;
                case RepeaterEventKind.PhotonArrival:
                    OnPhotonArrival(e.Index, e.EmissionS);
                    break;
                case RepeaterEventKind.Swap:
                    OnSwap(e.Index, e.Stamp);
                    break;
                default:
                    OnCutoff(e.Index, e.Stamp);
                    break;
            }
        }

        return new RepeaterRunResult(
            processed,
            _now,
            _delivered,
            _now > 0 ? _delivered / _now : 0,
            _delivered > 0 ? _sumErrorX / _delivered : double.NaN,
            _delivered > 0 ? _sumErrorZ / _delivered : double.NaN,
            _swapAttempts,
            _swapFailures,
            _discards,
            _stale,
            _maxAgeS,
            _agedQubits > 0 ? _sumAgeS / _agedQubits : 0);
    }

    private void Schedule(double timeS, RepeaterEventKind kind, int index, long stamp = 0, double emissionS = 0) =>
        _queue.Enqueue(new RepeaterEvent(kind, index, stamp, emissionS), new EventOrder(timeS, _sequence++));

    /// <summary>Start link i's heralding cycles when both its slots are free; one geometric draw finds the cycle that succeeds.</summary>
    private void TryStartLink(int link)
    {
        if (link < 0 || link >= _cycleS.Length || _linkBusy[link] || _rightPartner[link] != Free || _leftPartner[link + 1] != Free)
        {
            return;
        }

        // A node reuses a memory only once it knows the memory's last pair is gone: after a delivery straight from an
        // arrival (one link) or a discard before the herald, the emitter learns it only when the herald is back.
        double startS = Math.Max(_now, Math.Max(_rightKnownS[link], _leftKnownS[link + 1]));
        _linkBusy[link] = true;
        long cycles = GeometricTrials.Draw(ref _trials, _logFailure[link]);
        Schedule(startS + ((cycles - 1) * _cycleS[link]), RepeaterEventKind.PairGeneration, link);
    }

    private void OnPairGeneration(int link)
    {
        // The source end stores its half now; the other half flies to the far memory.
        Schedule(_now + _flightS[link], RepeaterEventKind.PhotonArrival, link, emissionS: _now);
    }

    private void OnPhotonArrival(int link, double emissionS)
    {
        int left = link;
        int right = link + 1;
        _linkBusy[link] = false;

        // The receiver knows at arrival; the emitter when the herald is back, at the end of the cycle.
        double emitterKnowsS = emissionS + _cycleS[link];
        if (_emitterIsLeft[link])
        {
            (_rightStoredS[left], _rightKnownS[left]) = (emissionS, emitterKnowsS);
            (_leftStoredS[right], _leftKnownS[right]) = (_now, _now);
        }
        else
        {
            (_rightStoredS[left], _rightKnownS[left]) = (_now, _now);
            (_leftStoredS[right], _leftKnownS[right]) = (emissionS, emitterKnowsS);
        }

        _rightPartner[left] = right;
        _leftPartner[right] = left;
        _biasX[left] = _freshBias[link];
        _biasZ[left] = _freshBias[link];
        _pairVersion[left]++;
        _slotEpoch[left]++;
        _slotEpoch[right]++;
        PairFormed(left, right);

        // Only a newly filled slot can complete a node's pair of pairs (a swap elsewhere leaves the ends' slots as they were).
        TryScheduleSwap(left);
        TryScheduleSwap(right);
    }

    /// <summary>A pair (a, b) now exists: deliver it if it spans the chain, otherwise arm its cutoff.</summary>
    private void PairFormed(int a, int b)
    {
        if (a == 0 && b == _lastNode)
        {
            Deliver();
            return;
        }

        if (double.IsFinite(_cutoffS))
        {
            double oldestS = Math.Min(_rightStoredS[a], _leftStoredS[b]);
            Schedule(Math.Max(_now, oldestS + _cutoffS), RepeaterEventKind.Cutoff, a, _pairVersion[a]);
        }
    }

    private void TryScheduleSwap(int node)
    {
        if (node == 0 || node == _lastNode || _leftPartner[node] == Free || _rightPartner[node] == Free)
        {
            return;
        }

        double knownS = Math.Max(_now, Math.Max(_leftKnownS[node], _rightKnownS[node]));
        Schedule(knownS, RepeaterEventKind.Swap, node, _slotEpoch[node]);
    }

    private void OnSwap(int node, long epoch)
    {
        if (_slotEpoch[node] != epoch)
        {
            _stale++;
            return;
        }

        int a = _leftPartner[node];
        int b = _rightPartner[node];
        _swapAttempts++;
        bool success = _swaps.NextDouble() < _swapSuccess;
        if (!success)
        {
            _swapFailures++;
            FreeRightSlot(a);
            FreeLeftSlot(b);
            FreeLeftSlot(node);
            FreeRightSlot(node);
            StartLinksAround(a);
            StartLinksAround(b);
            StartLinksAround(node);
            return;
        }

        // Ideal Bell measurement: the new pair's Pauli frame is the XOR of the two, so the biases multiply; the two
        // consumed qubits' dephasing is applied now (lazily).
        double dephasing = UseQubit(_leftStoredS[node]) * UseQubit(_rightStoredS[node]);
        _biasX[a] *= _biasX[node];
        _biasZ[a] *= _biasZ[node] * dephasing;
        _rightPartner[a] = b;
        _leftPartner[b] = a;
        _pairVersion[a]++;
        FreeLeftSlot(node);
        FreeRightSlot(node);
        PairFormed(a, b);
        StartLinksAround(node);
    }

    private void Deliver()
    {
        double dephasing = UseQubit(_rightStoredS[0]) * UseQubit(_leftStoredS[_lastNode]);
        _sumErrorX += MemoryDephasing.ErrorOfBias(_biasZ[0] * dephasing);
        _sumErrorZ += MemoryDephasing.ErrorOfBias(_biasX[0]);
        _delivered++;
        FreeRightSlot(0);
        FreeLeftSlot(_lastNode);
        StartLinksAround(0);
        StartLinksAround(_lastNode);
    }

    private void OnCutoff(int a, long version)
    {
        if (_pairVersion[a] != version)
        {
            _stale++;
            return;
        }

        int b = _rightPartner[a];
        _discards++;
        FreeRightSlot(a);
        FreeLeftSlot(b);
        StartLinksAround(a);
        StartLinksAround(b);
    }

    /// <summary>Bias e^(−age/T₂) of a qubit stored since <paramref name="storedS"/> and used now; records its age.</summary>
    private double UseQubit(double storedS)
    {
        double ageS = _now - storedS;
        _maxAgeS = Math.Max(_maxAgeS, ageS);
        _sumAgeS += ageS;
        _agedQubits++;
        return MemoryDephasing.Bias(ageS, _coherenceS);
    }

    private void FreeRightSlot(int node)
    {
        _rightPartner[node] = Free;
        _pairVersion[node]++;
        _slotEpoch[node]++;
    }

    private void FreeLeftSlot(int node)
    {
        _leftPartner[node] = Free;
        _slotEpoch[node]++;
    }

    private void StartLinksAround(int node)
    {
        TryStartLink(node - 1);
        TryStartLink(node);
    }
}
