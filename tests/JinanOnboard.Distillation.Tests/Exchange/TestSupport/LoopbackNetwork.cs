using JinanOnboard.Distillation.Exchange;

namespace JinanOnboard.Distillation.Tests.Exchange.TestSupport;

/// <summary>
/// An in-memory reliable link between the two distillers: messages queue in order and
/// <see cref="PumpAsync"/> delivers them until both sides are quiet. <see cref="Tamper"/> may rewrite
/// a body on the way (bit flips, re-signed forgeries) to exercise the fault rules.
/// </summary>
internal sealed class LoopbackNetwork
{
    private readonly List<(bool ToPayload, DistillationMessageType Type, byte[] Body)> _queue = [];

    public LoopbackNetwork()
    {
        ToPayload = new Endpoint(this, toPayload: true);
        ToGround = new Endpoint(this, toPayload: false);
    }

    public IDistillationLink ToPayload { get; }

    public IDistillationLink ToGround { get; }

    public Func<DistillationMessageType, byte[], byte[]>? Tamper { get; set; }

    /// <summary>Messages of the types this returns true for are lost for good (never delivered, never retransmitted).</summary>
    public Func<DistillationMessageType, bool>? Drop { get; set; }

    public Dictionary<DistillationMessageType, int> Delivered { get; } = [];

    /// <summary>Delivers every message twice, as a link does when an acknowledgement is lost.</summary>
    public bool DuplicateEveryMessage { get; set; }

    /// <summary>When set, each delivery takes a random one of the first 8 queued messages (a reordering link).</summary>
    public Random? Reorder { get; set; }

    /// <summary>When set, the first PA instruction is held back until the next one has been delivered (a lost, later retransmitted frame).</summary>
    public bool HoldBackFirstInstruction { get; set; }

    public async Task PumpAsync(GroundDistiller ground, PayloadDistiller payload)
    {
        while (_queue.Count > 0)
        {
            int index = Reorder?.Next(Math.Min(8, _queue.Count)) ?? 0;
            (bool ToPayload, DistillationMessageType Type, byte[] Body) m = _queue[index];
            _queue.RemoveAt(index);
            if (m.Type == DistillationMessageType.PaInstruction && HoldBackFirstInstruction)
            {
                if (!_heldOnce)
                {
                    _heldOnce = true;
                    _held = m;
                    continue;
                }
            }

            if (Drop?.Invoke(m.Type) == true)
            {
                continue;
            }

            byte[] body = Tamper?.Invoke(m.Type, m.Body) ?? m.Body;
            Delivered[m.Type] = Delivered.GetValueOrDefault(m.Type) + 1;
            for (int copy = 0; copy < (DuplicateEveryMessage ? 2 : 1); copy++)
            {
                if (m.ToPayload)
                {
                    await payload.HandleAsync(m.Type, body).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
                }
                else
                {
                    await ground.HandleAsync(m.Type, body).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
                }
            }

            if (m.Type == DistillationMessageType.PaInstruction && _held is not null && !ReferenceEquals(m.Body, _held.Value.Body))
            {
                // The held instruction finally arrives, after the one that overtook it.
                _queue.Insert(0, _held.Value);
                _held = null;
            }
        }
    }

    private (bool ToPayload, DistillationMessageType Type, byte[] Body)? _held;
    private bool _heldOnce;

    private sealed class Endpoint(LoopbackNetwork network, bool toPayload) : IDistillationLink
    {
        public ValueTask SendAsync(DistillationMessageType type, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
        {
            network._queue.Add((toPayload, type, body.ToArray()));
            return ValueTask.CompletedTask;
        }
    }
}
