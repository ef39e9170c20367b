using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// The ARM64 int8 paths for NEON cores without SDOT (a Pi 4's Cortex-A72, a Pi 3's A53): SMULL/SMLAL multiply int8 into
/// int16, where two products per lane are exact (|a·b + c·d| ≤ 2·127·127 = 32258), then SADALP or SADDW widen into int32.
/// Integer sums are exact in any order, so results are bit-identical to <see cref="Scalar"/>. Both kernels take their
/// addresses as pointers (the weights live on the pinned object heap) because LD2R has no register-offset form.
/// </summary>
internal static partial class Int8Gemv
{
    /// <summary>
    /// <see cref="Int8Layout.DotProduct4"/> without SDOT, two groups of 4 columns per iteration. A 16-byte chunk of a group
    /// holds 4 rows × 4 columns. SMULL (its rows 0-1) and SMULL2 (rows 2-3) by the group's 4 activations (broadcast as one
    /// 32-bit word by LD2R) give one int16 product per weight; SMLAL/SMLAL2 add the next group's products lane by lane;
    /// SADALP adds neighbouring lanes into int32, two partial sums per row, joined by one ADDP per 4 rows before
    /// the SDOT path's Finish. 16 multiplies per 128 multiply-adds: the most an A72's one multiply pipe allows.
    /// </summary>
    private static unsafe void PairwiseNeon(PackedInt8Matrix w, ReadOnlySpan<sbyte> q, float scale, ReadOnlySpan<float> init, Span<float> y)
    {
        int pc = w.PaddedCols;
        ref float rowScales = ref MemoryMarshal.GetArrayDataReference(w.RowScales);
        ref float iRef = ref MemoryMarshal.GetReference(init);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        var s = Vector128.Create(scale);
        fixed (sbyte* q0 = q)
        fixed (sbyte* start = &w.Start)
        {
            sbyte* pairsEnd = q0 + (pc & ~7);
            sbyte* wp = start;
            for (int u = 0; u < w.Units; u++)
            {
                var a0 = Vector128<int>.Zero;
                var a1 = Vector128<int>.Zero;
                var a2 = Vector128<int>.Zero;
                var a3 = Vector128<int>.Zero;
                var a4 = Vector128<int>.Zero;
                var a5 = Vector128<int>.Zero;
                var a6 = Vector128<int>.Zero;
                var a7 = Vector128<int>.Zero;
                sbyte* qp = q0;
                for (; qp < pairsEnd; qp += 8, wp += 8 * Unit)
                {
                    // The 64-bit broadcasts feed SMULL/SMLAL, whose operands are the low halves: loading them is cheaper
                    // than the register copy GetLower() of a still-live vector costs.
                    var (x0, x1) = AdvSimd.Arm64.LoadAndReplicateToVector128x2((int*)qp);
                    var (l0, l1) = AdvSimd.LoadAndReplicateToVector64x2((int*)qp);
                    var w0 = AdvSimd.LoadVector128(wp);
                    var v0 = AdvSimd.LoadVector128(wp + (4 * Unit));
                    a1 = AdvSimd.AddPairwiseWideningAndAdd(a1, AdvSimd.MultiplyWideningUpperAndAdd(AdvSimd.MultiplyWideningUpper(w0, x0.AsSByte()), v0, x1.AsSByte()));
                    a0 = AdvSimd.AddPairwiseWideningAndAdd(a0, AdvSimd.MultiplyWideningLowerAndAdd(AdvSimd.MultiplyWideningLower(w0.GetLower(), l0.AsSByte()), v0.GetLower(), l1.AsSByte()));
                    var w1 = AdvSimd.LoadVector128(wp + 16);
                    var v1 = AdvSimd.LoadVector128(wp + (4 * Unit) + 16);
                    a3 = AdvSimd.AddPairwiseWideningAndAdd(a3, AdvSimd.MultiplyWideningUpperAndAdd(AdvSimd.MultiplyWideningUpper(w1, x0.AsSByte()), v1, x1.AsSByte()));
                    a2 = AdvSimd.AddPairwiseWideningAndAdd(a2, AdvSimd.MultiplyWideningLowerAndAdd(AdvSimd.MultiplyWideningLower(w1.GetLower(), l0.AsSByte()), v1.GetLower(), l1.AsSByte()));
                    var w2 = AdvSimd.LoadVector128(wp + 32);
                    var v2 = AdvSimd.LoadVector128(wp + (4 * Unit) + 32);
                    a5 = AdvSimd.AddPairwiseWideningAndAdd(a5, AdvSimd.MultiplyWideningUpperAndAdd(AdvSimd.MultiplyWideningUpper(w2, x0.AsSByte()), v2, x1.AsSByte()));
                    a4 = AdvSimd.AddPairwiseWideningAndAdd(a4, AdvSimd.MultiplyWideningLowerAndAdd(AdvSimd.MultiplyWideningLower(w2.GetLower(), l0.AsSByte()), v2.GetLower(), l1.AsSByte()));
                    var w3 = AdvSimd.LoadVector128(wp + 48);
                    var v3 = AdvSimd.LoadVector128(wp + (4 * Unit) + 48);
                    a7 = AdvSimd.AddPairwiseWideningAndAdd(a7, AdvSimd.MultiplyWideningUpperAndAdd(AdvSimd.MultiplyWideningUpper(w3, x0.AsSByte()), v3, x1.AsSByte()));
                    a6 = AdvSimd.AddPairwiseWideningAndAdd(a6, AdvSimd.MultiplyWideningLowerAndAdd(AdvSimd.MultiplyWideningLower(w3.GetLower(), l0.AsSByte()), v3.GetLower(), l1.AsSByte()));
                }

                if ((pc & 4) != 0)
                {
                    // An odd last group: one product per int16 lane.
                    var x = AdvSimd.LoadAndReplicateToVector128((int*)qp).AsSByte();
                    var l = AdvSimd.LoadAndReplicateToVector64((int*)qp).AsSByte();
                    var w0 = AdvSimd.LoadVector128(wp);
                    a1 = AdvSimd.AddPairwiseWideningAndAdd(a1, AdvSimd.MultiplyWideningUpper(w0, x));
                    a0 = AdvSimd.AddPairwiseWideningAndAdd(a0, AdvSimd.MultiplyWideningLower(w0.GetLower(), l));
                    var w1 = AdvSimd.LoadVector128(wp + 16);
                    a3 = AdvSimd.AddPairwiseWideningAndAdd(a3, AdvSimd.MultiplyWideningUpper(w1, x));
                    a2 = AdvSimd.AddPairwiseWideningAndAdd(a2, AdvSimd.MultiplyWideningLower(w1.GetLower(), l));
                    var w2 = AdvSimd.LoadVector128(wp + 32);
                    a5 = AdvSimd.AddPairwiseWideningAndAdd(a5, AdvSimd.MultiplyWideningUpper(w2, x));
                    a4 = AdvSimd.AddPairwiseWideningAndAdd(a4, AdvSimd.MultiplyWideningLower(w2.GetLower(), l));
                    var w3 = AdvSimd.LoadVector128(wp + 48);
                    a7 = AdvSimd.AddPairwiseWideningAndAdd(a7, AdvSimd.MultiplyWideningUpper(w3, x));
                    a6 = AdvSimd.AddPairwiseWideningAndAdd(a6, AdvSimd.MultiplyWideningLower(w3.GetLower(), l));
                    wp += 4 * Unit;
                }

                Finish(
                    AdvSimd.Arm64.AddPairwise(a0, a1),
                    AdvSimd.Arm64.AddPairwise(a2, a3),
                    AdvSimd.Arm64.AddPairwise(a4, a5),
                    AdvSimd.Arm64.AddPairwise(a6, a7),
                    ref rowScales,
                    s,
                    ref iRef,
                    ref yRef,
                    (nuint)(u * Unit));
            }
        }
    }

    /// <summary>
    /// <see cref="Int8Layout.Widening"/>, per column pair: one LDP of 32 weight bytes, one LD2R broadcasting q[c] and q[c + 1], SMULL/SMLAL (rows 0-7) and
    /// SMULL2/SMLAL2 (rows 8-15) into int16, SADDW/SADDW2 into int32. Each GetLower() is its value's last use, so the JIT
    /// reads the register's low half in place instead of copying it; the two pointers are bumped, not indexed.
    /// </summary>
    private static unsafe void WideningNeonBlock(PackedInt8Matrix w, ReadOnlySpan<sbyte> q, int u, int count, Span<int> acc)
    {
        int pc = w.PaddedCols;
        ref int accRef = ref MemoryMarshal.GetReference(acc);
        fixed (sbyte* q0 = q)
        fixed (sbyte* start = &w.Start)
        {
            sbyte* end = q0 + pc;
            sbyte* wp = start + (u * pc * Unit);
            for (int k = 0; k < count; k++)
            {
                var a0 = Vector128<int>.Zero;
                var a1 = Vector128<int>.Zero;
                var a2 = Vector128<int>.Zero;
                var a3 = Vector128<int>.Zero;
                for (sbyte* qp = q0; qp < end; qp += 2, wp += 2 * Unit)
                {
                    var first = AdvSimd.LoadVector128(wp);
                    var second = AdvSimd.LoadVector128(wp + Unit);
                    var (x0, x1) = AdvSimd.Arm64.LoadAndReplicateToVector128x2(qp);
                    var high = AdvSimd.MultiplyWideningUpperAndAdd(AdvSimd.MultiplyWideningUpper(first, x0), second, x1);
                    var low = AdvSimd.MultiplyWideningLowerAndAdd(AdvSimd.MultiplyWideningLower(first.GetLower(), x0.GetLower()), second.GetLower(), x1.GetLower());
                    a1 = AdvSimd.AddWideningUpper(a1, low);
                    a3 = AdvSimd.AddWideningUpper(a3, high);
                    a0 = AdvSimd.AddWideningLower(a0, low.GetLower());
                    a2 = AdvSimd.AddWideningLower(a2, high.GetLower());
                }

                a0.StoreUnsafe(ref accRef, (nuint)(k * Unit));
                a1.StoreUnsafe(ref accRef, (nuint)((k * Unit) + 4));
                a2.StoreUnsafe(ref accRef, (nuint)((k * Unit) + 8));
                a3.StoreUnsafe(ref accRef, (nuint)((k * Unit) + 12));
            }
        }
    }

}
