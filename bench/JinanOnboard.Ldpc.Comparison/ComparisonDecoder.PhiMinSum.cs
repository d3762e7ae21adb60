using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace JinanOnboard.Ldpc.Comparison;

/// <summary>The polynomial φ-form kernel (<see cref="ComparisonKernel.PhiPolynomial"/>) and min-sum (<see cref="ComparisonKernel.NormalizedMinSum"/>).</summary>
internal sealed partial class ComparisonDecoder
{
    private void PhiSweep()
    {
        int m = _code.SyndromeLength;
        int[] rowStart = _code.Matrix.RowStart;
        int[] columns = _code.Matrix.RowColumns;
        float[] posterior = _posterior;
        float[] messages = _checkToVariable;
        ref float input = ref MemoryMarshal.GetArrayDataReference(_rowInput);
        ref float phi = ref MemoryMarshal.GetArrayDataReference(_rowPhi);
        ref float output = ref MemoryMarshal.GetArrayDataReference(_rowOutput);
        int lanes = Vector256<float>.Count;

        for (int c = 0; c < m; c++)
        {
            int start = rowStart[c];
            int degree = rowStart[c + 1] - start;
            for (int k = 0; k < degree; k++)
            {
                _rowInput[k] = posterior[columns[start + k]] - messages[start + k];
            }

            int padded = (degree + lanes - 1) / lanes * lanes;
            for (int k = degree; k < padded; k++)
            {
                _rowInput[k] = PhiKernel.MaxArgument; // φ ≈ 0 and positive sign: a neutral lane
            }

            Vector256<float> sum = Vector256<float>.Zero;
            Vector256<uint> signs = Vector256<uint>.Zero;
            for (int k = 0; k < padded; k += lanes)
            {
                Vector256<float> t = Vector256.LoadUnsafe(ref input, (nuint)k);
                Vector256<float> p = PhiKernel.Phi(Vector256.Abs(t));
                p.StoreUnsafe(ref phi, (nuint)k);
                sum += p;
                signs ^= t.AsUInt32();
            }

            uint signAll = (uint)_syndromeBits[c] << 31;
            for (int i = 0; i < lanes; i++)
            {
                signAll ^= signs.GetElement(i);
            }

            Vector256<float> total = Vector256.Create(Vector256.Sum(sum));
            Vector256<uint> sign = Vector256.Create(signAll & SignMask);
            Vector256<uint> mask = Vector256.Create(SignMask);
            for (int k = 0; k < padded; k += lanes)
            {
                Vector256<float> magnitude = PhiKernel.Phi(total - Vector256.LoadUnsafe(ref phi, (nuint)k));
                Vector256<uint> outSign = (Vector256.LoadUnsafe(ref input, (nuint)k).AsUInt32() ^ sign) & mask;
                (magnitude.AsUInt32() | outSign).AsSingle().StoreUnsafe(ref output, (nuint)k);
            }

            for (int k = 0; k < degree; k++)
            {
                float r = _rowOutput[k];
                messages[start + k] = r;
                posterior[columns[start + k]] = _rowInput[k] + r;
            }
        }
    }

    private void MinSumSweep()
    {
        int m = _code.SyndromeLength;
        int[] rowStart = _code.Matrix.RowStart;
        int[] columns = _code.Matrix.RowColumns;
        float[] posterior = _posterior;
        float[] messages = _checkToVariable;
        for (int c = 0; c < m; c++)
        {
            int start = rowStart[c];
            int end = rowStart[c + 1];
            float min1 = float.MaxValue;
            float min2 = float.MaxValue;
            int minIndex = -1;
            uint signAll = (uint)_syndromeBits[c] << 31;
            for (int e = start; e < end; e++)
            {
                float t = posterior[columns[e]] - messages[e];
                _rowInput[e - start] = t;
                signAll ^= BitConverter.SingleToUInt32Bits(t);
                float a = MathF.Abs(t);
                if (a < min1)
                {
                    min2 = min1;
                    min1 = a;
                    minIndex = e;
                }
                else if (a < min2)
                {
                    min2 = a;
                }
            }

            for (int e = start; e < end; e++)
            {
                float t = _rowInput[e - start];
                float magnitude = MinSumScale * (e == minIndex ? min2 : min1);
                uint sign = (BitConverter.SingleToUInt32Bits(t) ^ signAll) & SignMask;
                float r = BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(magnitude) | sign);
                messages[e] = r;
                posterior[columns[e]] = t + r;
            }
        }
    }
}
