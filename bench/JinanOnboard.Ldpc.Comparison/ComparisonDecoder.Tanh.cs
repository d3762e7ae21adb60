using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace JinanOnboard.Ldpc.Comparison;

/// <summary>The tanh-domain kernel (<see cref="ComparisonKernel.TanhPolynomial"/>).</summary>
internal sealed partial class ComparisonDecoder
{
    /// <summary>
    /// One layered sweep of sum-product in the tanh domain (<see cref="BoxPlusKernel"/>): per row, gather
    /// t_k = L_v − r_{c,v}, T_k = tanh(|t_k|/2) 8 lanes at a time, the row product P and sign parity, then
    /// r_k = sign · ln((T_k + P)/(T_k − P)) and L_v = t_k + r_k. No bounds checks in the hot loops
    /// (the CSR arrays come from the builder and are in range by construction; nothing user-supplied is indexed).
    /// </summary>
    private void TanhSweep()
    {
        int m = _code.SyndromeLength;
        ref int rowStart = ref MemoryMarshal.GetArrayDataReference(_code.Matrix.RowStart);
        ref int columns = ref MemoryMarshal.GetArrayDataReference(_code.Matrix.RowColumns);
        ref float posterior = ref MemoryMarshal.GetArrayDataReference(_posterior);
        ref float messages = ref MemoryMarshal.GetArrayDataReference(_checkToVariable);
        ref byte syndrome = ref MemoryMarshal.GetArrayDataReference(_syndromeBits);
        ref float input = ref MemoryMarshal.GetArrayDataReference(_rowInput);
        ref float halfTanh = ref MemoryMarshal.GetArrayDataReference(_rowPhi);
        ref float output = ref MemoryMarshal.GetArrayDataReference(_rowOutput);
        const int Lanes = 8; // Vector256<float>.Count
        Vector256<uint> mask = Vector256.Create(SignMask);
        Vector256<float> skip = Vector256.Create(ConfidentRowSkip > 0 ? ConfidentRowSkip : float.PositiveInfinity);

        for (int c = 0; c < m; c++)
        {
            int start = Unsafe.Add(ref rowStart, c);
            int degree = Unsafe.Add(ref rowStart, c + 1) - start;
            ref int rowColumns = ref Unsafe.Add(ref columns, start);
            ref float rowMessages = ref Unsafe.Add(ref messages, start);
            for (int k = 0; k < degree; k++)
            {
                Unsafe.Add(ref input, k) = Unsafe.Add(ref posterior, Unsafe.Add(ref rowColumns, k)) - Unsafe.Add(ref rowMessages, k);
            }

            int padded = (degree + Lanes - 1) & ~(Lanes - 1);
            for (int k = degree; k < padded; k++)
            {
                Unsafe.Add(ref input, k) = BoxPlusKernel.MaxMagnitude; // T = 1, positive sign: a neutral lane
            }

            Vector256<uint> signs = Vector256<uint>.Zero;
            Vector256<float> smallest = Vector256.Create(BoxPlusKernel.MaxMagnitude);
            for (int k = 0; k < padded; k += Lanes)
            {
                Vector256<float> t = Vector256.LoadUnsafe(ref input, (nuint)k);
                signs ^= t.AsUInt32();
                smallest = Vector256.Min(smallest, Vector256.Abs(t));
            }

            Vector128<uint> s4 = signs.GetLower() ^ signs.GetUpper();
            uint signAll = ((uint)Unsafe.Add(ref syndrome, c) << 31) ^ s4.GetElement(0) ^ s4.GetElement(1) ^ s4.GetElement(2) ^ s4.GetElement(3);
            if ((signAll & SignMask) == 0 && Vector256.GreaterThanOrEqualAll(smallest, skip))
            {
                // Every input already agrees with the check at high confidence: the new messages would only
                // reinforce the posteriors, so the row is left as it is (forced convergence, Zimmermann &
                // Fettweis 2005). The syndrome test after the sweep still decides convergence.
                continue;
            }

            Vector256<float> product = Vector256<float>.One;
            for (int k = 0; k < padded; k += Lanes)
            {
                Vector256<float> tanh = BoxPlusKernel.HalfTanh(Vector256.Abs(Vector256.LoadUnsafe(ref input, (nuint)k)));
                tanh.StoreUnsafe(ref halfTanh, (nuint)k);
                product *= tanh;
            }

            Vector128<float> p4 = product.GetLower() * product.GetUpper();
            float p = p4.GetElement(0) * p4.GetElement(1) * p4.GetElement(2) * p4.GetElement(3);

            Vector256<float> total = Vector256.Create(p);
            Vector256<uint> sign = Vector256.Create(signAll & SignMask);
            for (int k = 0; k < padded; k += Lanes)
            {
                Vector256<float> magnitude = BoxPlusKernel.Magnitude(Vector256.LoadUnsafe(ref halfTanh, (nuint)k), total);
                Vector256<uint> outSign = (Vector256.LoadUnsafe(ref input, (nuint)k).AsUInt32() ^ sign) & mask;
                (magnitude.AsUInt32() | outSign).AsSingle().StoreUnsafe(ref output, (nuint)k);
            }

            for (int k = 0; k < degree; k++)
            {
                float r = Unsafe.Add(ref output, k);
                Unsafe.Add(ref rowMessages, k) = r;
                Unsafe.Add(ref posterior, Unsafe.Add(ref rowColumns, k)) = Unsafe.Add(ref input, k) + r;
            }
        }
    }
}
