using System.Diagnostics;
using JinanOnboard.Ldpc.Construction;
using JinanOnboard.Primitives.Information;
using JinanOnboard.Primitives.Randomness;

namespace JinanOnboard.Ldpc;

/// <summary>Summary of a reconciliation simulation over a binary symmetric channel.</summary>
/// <param name="CodeId">Code used.</param>
/// <param name="BlockLength">n.</param>
/// <param name="SyndromeLength">m, bits disclosed per frame.</param>
/// <param name="Qber">BSC crossover probability simulated (and given to the decoder).</param>
/// <param name="Efficiency">f = m / (n·h(Qber)).</param>
/// <param name="Frames">Frames decoded.</param>
/// <param name="FailedFrames">Frames where the decoder reported no convergence (detected failures).</param>
/// <param name="UndetectedErrorFrames">Frames reported converged whose output differs from the sender's bits (must be 0).</param>
/// <param name="MeanIterations">Mean layered iterations per frame.</param>
/// <param name="DecodeSeconds">Wall time spent inside <see cref="LdpcDecoder.Decode"/> only.</param>
public sealed record LdpcSimulationResult(
    int CodeId,
    int BlockLength,
    int SyndromeLength,
    double Qber,
    double Efficiency,
    int Frames,
    int FailedFrames,
    int UndetectedErrorFrames,
    double MeanIterations,
    double DecodeSeconds)
{
    /// <summary>Failed frames / frames.</summary>
    public double FrameErrorRate => Frames == 0 ? 0 : (double)FailedFrames / Frames;

    /// <summary>Decoded key bits per second of decoder wall time, in Mbit/s.</summary>
    public double ThroughputMbitPerSecond => DecodeSeconds <= 0 ? 0 : (double)Frames * BlockLength / DecodeSeconds / 1e6;
}

/// <summary>Decodes one frame (the signature of <see cref="LdpcDecoder.Decode"/>): lets the simulation drive a comparison kernel.</summary>
internal delegate LdpcDecodeResult FrameDecoder(ReadOnlySpan<byte> packedNoisyBits, ReadOnlySpan<byte> packedSyndrome, double channelQber, Span<byte> packedCorrected);

/// <summary>
/// Encode–noise–decode loop used by `jinan ldpc bench` and the tests: random sender bits, BSC noise,
/// syndrome, decode with the true QBER, check against the sender's bits. Deterministic from the seed.
/// </summary>
public static class LdpcSimulation
{
    /// <summary>Runs <paramref name="frames"/> frames on one thread with the production decoder.</summary>
    /// <param name="code">Code to use.</param>
    /// <param name="qber">BSC crossover probability in (0, 0.5).</param>
    /// <param name="frames">Number of frames (≥ 1).</param>
    /// <param name="seed">Seed of the sender bits and the noise.</param>
    /// <param name="maxIterations">Decoder iteration cap.</param>
    /// <param name="progress">Called after each frame with the number of frames done (may be null).</param>
    public static LdpcSimulationResult Run(
        LdpcCode code,
        double qber,
        int frames,
        ulong seed,
        int maxIterations = LdpcDecoder.DefaultMaxIterations,
        Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        return Run(code, qber, frames, seed, new LdpcDecoder(code, maxIterations).Decode, progress);
    }

    /// <summary>As the public overload, decoding with <paramref name="decode"/> (benchmarks and tests pass other kernels or settings).</summary>
    internal static LdpcSimulationResult Run(LdpcCode code, double qber, int frames, ulong seed, FrameDecoder decode, Action<int>? progress)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(decode);
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        if (!(qber > 0 && qber < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(qber), qber, "QBER must be in (0, 0.5).");
        }

        int n = code.BlockLength;
        var sender = new byte[(n + 7) / 8];
        var noisy = new byte[sender.Length];
        var corrected = new byte[sender.Length];
        var syndrome = new byte[(code.SyndromeLength + 7) / 8];
        var rng = new SplitMix64(seed);
        ulong threshold = (ulong)(qber * 18446744073709551616.0); // P(Next() < threshold) = qber
        int failed = 0;
        int undetected = 0;
        long iterations = 0;
        long ticks = 0;
        for (int frame = 0; frame < frames; frame++)
        {
            for (int b = 0; b < sender.Length; b += 8)
            {
                ulong word = rng.Next();
                for (int i = 0; i < 8 && b + i < sender.Length; i++)
                {
                    sender[b + i] = (byte)(word >> (8 * i));
                }
            }

            if ((n & 7) != 0)
            {
                sender[^1] &= (byte)((1 << (n & 7)) - 1);
            }

            sender.CopyTo(noisy, 0);
            for (int j = 0; j < n; j++)
            {
                if (rng.Next() < threshold)
                {
                    noisy[j >> 3] ^= (byte)(1 << (j & 7));
                }
            }

            code.ComputeSyndrome(sender, syndrome);
            long start = Stopwatch.GetTimestamp();
            LdpcDecodeResult result = decode(noisy, syndrome, qber, corrected);
            ticks += Stopwatch.GetTimestamp() - start;
            iterations += result.Iterations;
            if (!result.Converged)
            {
                failed++;
            }
            else if (!corrected.AsSpan().SequenceEqual(sender))
            {
                undetected++;
            }

            progress?.Invoke(frame + 1);
        }

        return new LdpcSimulationResult(
            code.CodeId,
            n,
            code.SyndromeLength,
            qber,
            BinaryEntropy.Efficiency(code.SyndromeLength, n, qber),
            frames,
            failed,
            undetected,
            (double)iterations / frames,
            (double)ticks / Stopwatch.Frequency);
    }
}
