using JinanOnboard.Distillation.Exchange;
using JinanOnboard.Distillation.Exchange.Messages;
using JinanOnboard.Distillation.Tests.Exchange.TestSupport;

namespace JinanOnboard.Distillation.Tests.Exchange;

public sealed class ReconciliationPolicyTests
{
    [Fact]
    public void Defaults_are_the_values_the_distillers_and_the_codec_used_before()
    {
        ReconciliationPolicy policy = new DistillationOptions().Reconciliation;
        Assert.Same(ReconciliationPolicy.Default, policy);
        Assert.Equal(0.002, policy.QberMargin);
        Assert.Equal(1e-4, policy.MinQber);
        Assert.Equal(0.25, policy.MaxQber);
        Assert.Null(policy.Validate());
    }

    [Theory]
    [InlineData(0.0, 1e-4)]
    [InlineData(-1.0, 1e-4)]
    [InlineData(0.015, 0.015)]
    [InlineData(0.3, 0.25)]
    [InlineData(0.5, 0.25)]
    [InlineData(double.NaN, 0.25)]
    public void Clamp_limits_an_estimate_to_the_range(double estimate, double expected) =>
        Assert.Equal(expected, ReconciliationPolicy.Default.Clamp(estimate));

    [Fact]
    public void Selection_adds_the_margin_to_the_clamped_estimate()
    {
        var policy = new ReconciliationPolicy { QberMargin = 0.01 };
        Assert.Equal(0.025, policy.SelectionQber(policy.Clamp(0.015)), 15);
        Assert.Equal(0.26, policy.SelectionQber(policy.Clamp(0.4)), 15);
    }

    [Theory]
    [InlineData(0.002, 0.0, 0.25, "min_qber = 0 is out of range (0, 0.5)")]
    [InlineData(0.002, 1e-4, 1e-4, "max_qber = 0.0001 is out of range (min_qber = 0.0001, 0.5)")]
    [InlineData(0.002, 1e-4, 0.5, "max_qber = 0.5 is out of range (min_qber = 0.0001, 0.5)")]
    [InlineData(-0.001, 1e-4, 0.25, "qber_margin = -0.001 is out of range [0, 0.5 − max_qber = 0.25)")]
    [InlineData(0.25, 1e-4, 0.25, "qber_margin = 0.25 is out of range [0, 0.5 − max_qber = 0.25)")]
    [InlineData(double.NaN, 1e-4, 0.25, "qber_margin = NaN is out of range [0, 0.5 − max_qber = 0.25)")]
    public void Validation_names_the_field_its_value_and_its_range_in_one_line(double margin, double min, double max, string expected)
    {
        var policy = new ReconciliationPolicy { QberMargin = margin, MinQber = min, MaxQber = max };
        Assert.Equal(expected, policy.Validate());
        ArgumentException error = Assert.Throws<ArgumentException>(new DistillationOptions { Reconciliation = policy }.ThrowIfInvalid);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task One_policy_sets_the_sent_qber_the_code_choice_and_the_decoder_qber()
    {
        // A floor far above the pass's 0.5 % QBER: every estimate is clamped to it, once, on each side.
        var policy = new ReconciliationPolicy { MinQber = 0.02, QberMargin = 0.003 };
        var codec = new RecordingCodec();
        var bench = new DistillationBench(SharedPass.Options with { Reconciliation = policy }, SharedPass.Store, codec: codec);
        var sentPpm = new List<uint>();
        bench.Network.Tamper = (type, body) =>
        {
            if (type == DistillationMessageType.Syndrome)
            {
                sentPpm.Add(SyndromeMessage.Decode(body).QberPpm);
            }

            return body;
        };
        await bench.RunAsync(SharedPass.Detections);

        Assert.NotEmpty(codec.Selected);
        Assert.All(codec.Selected, q => Assert.Equal(0.023, q, 15));
        Assert.All(sentPpm, ppm => Assert.Equal(20_000u, ppm));
        Assert.Equal(codec.Selected.Count, codec.Decoded.Count);
        Assert.All(codec.Decoded, q => Assert.Equal(0.02, q, 15));
        Assert.All(bench.Payload.Statistics.Packets, p => Assert.Equal(0.02, p.SampledQber, 15));
        bench.AssertStoresIdentical();
    }

    /// <summary>The test codec, recording the QBERs the distillers hand it.</summary>
    private sealed class RecordingCodec : IReconciliationCodec
    {
        private readonly MinSumLdpcCodec _inner = new();

        public List<double> Selected { get; } = [];

        public List<double> Decoded { get; } = [];

        public ReconciliationCodeChoice SelectCode(double qber, int packetBits)
        {
            Selected.Add(qber);
            return _inner.SelectCode(qber, packetBits);
        }

        public int GetSyndromeBits(int codeId, int packetBits) => _inner.GetSyndromeBits(codeId, packetBits);

        public void ComputeSyndrome(int codeId, int packetBits, ReadOnlySpan<byte> packedBits, Span<byte> packedSyndrome) =>
            _inner.ComputeSyndrome(codeId, packetBits, packedBits, packedSyndrome);

        public bool TryDecode(int codeId, int packetBits, ReadOnlySpan<byte> packedNoisy, ReadOnlySpan<byte> packedSyndrome, double qber, Span<byte> packedCorrected)
        {
            Decoded.Add(qber);
            return _inner.TryDecode(codeId, packetBits, packedNoisy, packedSyndrome, qber, packedCorrected);
        }
    }
}
