using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// Four vectors against units [uBegin, uEnd) of the matrix on Vector512, in exactly the order of <see cref="Vector512Path"/>:
/// the blocked units two at a time (side by side in the packed block; 2 units × 4 vectors × even/odd columns = 16
/// accumulators, each weight load serving four vectors), the remaining units one at a time (4 vectors × 4 column residues).
/// uBegin is even, so a pair never straddles the end of the blocks.
/// </summary>
internal static partial class FloatGemv
{
    private static void Vector512Tile(PackedFloatMatrix w, int uBegin, int uEnd, ReadOnlySpan<float> xs, int xStride, ReadOnlySpan<float> init, int initStride, Span<float> ys, int yStride)
    {
        int cols = w.Cols;
        int blocked = Math.Min(uEnd, w.BlockedUnits);
        nuint pairs = (nuint)(cols & ~1);
        ref float wRef = ref w.Start;
        ref float x0 = ref MemoryMarshal.GetReference(xs);
        ref float x1 = ref Unsafe.Add(ref x0, xStride);
        ref float x2 = ref Unsafe.Add(ref x1, xStride);
        ref float x3 = ref Unsafe.Add(ref x2, xStride);
        ref float i0 = ref MemoryMarshal.GetReference(init);
        ref float i1 = ref Unsafe.Add(ref i0, initStride);
        ref float i2 = ref Unsafe.Add(ref i1, initStride);
        ref float i3 = ref Unsafe.Add(ref i2, initStride);
        ref float y0 = ref MemoryMarshal.GetReference(ys);
        ref float y1 = ref Unsafe.Add(ref y0, yStride);
        ref float y2 = ref Unsafe.Add(ref y1, yStride);
        ref float y3 = ref Unsafe.Add(ref y2, yStride);
        for (int u = uBegin; u < blocked; u += 2)
        {
            ref float wa = ref Unsafe.Add(ref wRef, (nuint)w.UnitOffset(u));
            ref float wb = ref Unsafe.Add(ref wa, Unit);
            nuint ra = (nuint)(u * Unit);
            nuint rb = ra + Unit;
            var ea0 = Vector512.LoadUnsafe(ref i0, ra);
            var eb0 = Vector512.LoadUnsafe(ref i0, rb);
            var ea1 = Vector512.LoadUnsafe(ref i1, ra);
            var eb1 = Vector512.LoadUnsafe(ref i1, rb);
            var ea2 = Vector512.LoadUnsafe(ref i2, ra);
            var eb2 = Vector512.LoadUnsafe(ref i2, rb);
            var ea3 = Vector512.LoadUnsafe(ref i3, ra);
            var eb3 = Vector512.LoadUnsafe(ref i3, rb);
            var oa0 = Vector512<float>.Zero;
            var ob0 = Vector512<float>.Zero;
            var oa1 = Vector512<float>.Zero;
            var ob1 = Vector512<float>.Zero;
            var oa2 = Vector512<float>.Zero;
            var ob2 = Vector512<float>.Zero;
            var oa3 = Vector512<float>.Zero;
            var ob3 = Vector512<float>.Zero;
            nuint c = 0;
            for (; c < pairs; c += 2)
            {
                nuint at = c * BlockWidth;
                var wae = Vector512.LoadUnsafe(ref wa, at);
                var wao = Vector512.LoadUnsafe(ref wa, at + BlockWidth);
                var wbe = Vector512.LoadUnsafe(ref wb, at);
                var wbo = Vector512.LoadUnsafe(ref wb, at + BlockWidth);
                var b = Vector512.Create(Unsafe.Add(ref x0, c));
                ea0 = Vector512.FusedMultiplyAdd(wae, b, ea0);
                eb0 = Vector512.FusedMultiplyAdd(wbe, b, eb0);
                b = Vector512.Create(Unsafe.Add(ref x0, c + 1));
                oa0 = Vector512.FusedMultiplyAdd(wao, b, oa0);
                ob0 = Vector512.FusedMultiplyAdd(wbo, b, ob0);
                b = Vector512.Create(Unsafe.Add(ref x1, c));
                ea1 = Vector512.FusedMultiplyAdd(wae, b, ea1);
                eb1 = Vector512.FusedMultiplyAdd(wbe, b, eb1);
                b = Vector512.Create(Unsafe.Add(ref x1, c + 1));
                oa1 = Vector512.FusedMultiplyAdd(wao, b, oa1);
                ob1 = Vector512.FusedMultiplyAdd(wbo, b, ob1);
                b = Vector512.Create(Unsafe.Add(ref x2, c));
                ea2 = Vector512.FusedMultiplyAdd(wae, b, ea2);
                eb2 = Vector512.FusedMultiplyAdd(wbe, b, eb2);
                b = Vector512.Create(Unsafe.Add(ref x2, c + 1));
                oa2 = Vector512.FusedMultiplyAdd(wao, b, oa2);
                ob2 = Vector512.FusedMultiplyAdd(wbo, b, ob2);
                b = Vector512.Create(Unsafe.Add(ref x3, c));
                ea3 = Vector512.FusedMultiplyAdd(wae, b, ea3);
                eb3 = Vector512.FusedMultiplyAdd(wbe, b, eb3);
                b = Vector512.Create(Unsafe.Add(ref x3, c + 1));
                oa3 = Vector512.FusedMultiplyAdd(wao, b, oa3);
                ob3 = Vector512.FusedMultiplyAdd(wbo, b, ob3);
            }

            if (c < (nuint)cols)
            {
                nuint at = c * BlockWidth;
                var wae = Vector512.LoadUnsafe(ref wa, at);
                var wbe = Vector512.LoadUnsafe(ref wb, at);
                var b = Vector512.Create(Unsafe.Add(ref x0, c));
                ea0 = Vector512.FusedMultiplyAdd(wae, b, ea0);
                eb0 = Vector512.FusedMultiplyAdd(wbe, b, eb0);
                b = Vector512.Create(Unsafe.Add(ref x1, c));
                ea1 = Vector512.FusedMultiplyAdd(wae, b, ea1);
                eb1 = Vector512.FusedMultiplyAdd(wbe, b, eb1);
                b = Vector512.Create(Unsafe.Add(ref x2, c));
                ea2 = Vector512.FusedMultiplyAdd(wae, b, ea2);
                eb2 = Vector512.FusedMultiplyAdd(wbe, b, eb2);
                b = Vector512.Create(Unsafe.Add(ref x3, c));
                ea3 = Vector512.FusedMultiplyAdd(wae, b, ea3);
                eb3 = Vector512.FusedMultiplyAdd(wbe, b, eb3);
            }

            (ea0 + oa0).StoreUnsafe(ref y0, ra);
            (eb0 + ob0).StoreUnsafe(ref y0, rb);
            (ea1 + oa1).StoreUnsafe(ref y1, ra);
            (eb1 + ob1).StoreUnsafe(ref y1, rb);
            (ea2 + oa2).StoreUnsafe(ref y2, ra);
            (eb2 + ob2).StoreUnsafe(ref y2, rb);
            (ea3 + oa3).StoreUnsafe(ref y3, ra);
            (eb3 + ob3).StoreUnsafe(ref y3, rb);
        }

        for (int u = Math.Max(uBegin, w.BlockedUnits); u < uEnd; u++)
        {
            Vector512TileUnit(ref Unsafe.Add(ref wRef, (nuint)w.UnitOffset(u)), cols, ref x0, xStride, ref i0, initStride, ref y0, yStride, (nuint)(u * Unit));
        }
    }

    /// <summary>One unit against four vectors, the columns of each residue mod 4 summed apart (the single path's tail-unit order).</summary>
    private static void Vector512TileUnit(ref float wu, int cols, ref float x0, int xStride, ref float i0, int initStride, ref float y0, int yStride, nuint r)
    {
        ref float x1 = ref Unsafe.Add(ref x0, xStride);
        ref float x2 = ref Unsafe.Add(ref x1, xStride);
        ref float x3 = ref Unsafe.Add(ref x2, xStride);
        var a00 = Vector512.LoadUnsafe(ref i0, r);
        var a10 = Vector512.LoadUnsafe(ref Unsafe.Add(ref i0, initStride), r);
        var a20 = Vector512.LoadUnsafe(ref Unsafe.Add(ref i0, 2 * initStride), r);
        var a30 = Vector512.LoadUnsafe(ref Unsafe.Add(ref i0, 3 * initStride), r);
        Vector512<float> a01 = default, a02 = default, a03 = default;
        Vector512<float> a11 = default, a12 = default, a13 = default;
        Vector512<float> a21 = default, a22 = default, a23 = default;
        Vector512<float> a31 = default, a32 = default, a33 = default;
        nuint quads = (nuint)(cols & ~3);
        nuint c = 0;
        for (; c < quads; c += 4)
        {
            nuint at = c * Unit;
            var w0 = Vector512.LoadUnsafe(ref wu, at);
            var w1 = Vector512.LoadUnsafe(ref wu, at + Unit);
            var w2 = Vector512.LoadUnsafe(ref wu, at + (2 * Unit));
            var w3 = Vector512.LoadUnsafe(ref wu, at + (3 * Unit));
            a00 = Vector512.FusedMultiplyAdd(w0, Vector512.Create(Unsafe.Add(ref x0, c)), a00);
            a01 = Vector512.FusedMultiplyAdd(w1, Vector512.Create(Unsafe.Add(ref x0, c + 1)), a01);
            a02 = Vector512.FusedMultiplyAdd(w2, Vector512.Create(Unsafe.Add(ref x0, c + 2)), a02);
            a03 = Vector512.FusedMultiplyAdd(w3, Vector512.Create(Unsafe.Add(ref x0, c + 3)), a03);
            a10 = Vector512.FusedMultiplyAdd(w0, Vector512.Create(Unsafe.Add(ref x1, c)), a10);
            a11 = Vector512.FusedMultiplyAdd(w1, Vector512.Create(Unsafe.Add(ref x1, c + 1)), a11);
            a12 = Vector512.FusedMultiplyAdd(w2, Vector512.Create(Unsafe.Add(ref x1, c + 2)), a12);
            a13 = Vector512.FusedMultiplyAdd(w3, Vector512.Create(Unsafe.Add(ref x1, c + 3)), a13);
            a20 = Vector512.FusedMultiplyAdd(w0, Vector512.Create(Unsafe.Add(ref x2, c)), a20);
            a21 = Vector512.FusedMultiplyAdd(w1, Vector512.Create(Unsafe.Add(ref x2, c + 1)), a21);
            a22 = Vector512.FusedMultiplyAdd(w2, Vector512.Create(Unsafe.Add(ref x2, c + 2)), a22);
            a23 = Vector512.FusedMultiplyAdd(w3, Vector512.Create(Unsafe.Add(ref x2, c + 3)), a23);
            a30 = Vector512.FusedMultiplyAdd(w0, Vector512.Create(Unsafe.Add(ref x3, c)), a30);
            a31 = Vector512.FusedMultiplyAdd(w1, Vector512.Create(Unsafe.Add(ref x3, c + 1)), a31);
            a32 = Vector512.FusedMultiplyAdd(w2, Vector512.Create(Unsafe.Add(ref x3, c + 2)), a32);
            a33 = Vector512.FusedMultiplyAdd(w3, Vector512.Create(Unsafe.Add(ref x3, c + 3)), a33);
        }

        int left = cols - (int)c;
        if (left > 0)
        {
            var w0 = Vector512.LoadUnsafe(ref wu, c * Unit);
            a00 = Vector512.FusedMultiplyAdd(w0, Vector512.Create(Unsafe.Add(ref x0, c)), a00);
            a10 = Vector512.FusedMultiplyAdd(w0, Vector512.Create(Unsafe.Add(ref x1, c)), a10);
            a20 = Vector512.FusedMultiplyAdd(w0, Vector512.Create(Unsafe.Add(ref x2, c)), a20);
            a30 = Vector512.FusedMultiplyAdd(w0, Vector512.Create(Unsafe.Add(ref x3, c)), a30);
        }

        if (left > 1)
        {
            var w1 = Vector512.LoadUnsafe(ref wu, (c + 1) * Unit);
            a01 = Vector512.FusedMultiplyAdd(w1, Vector512.Create(Unsafe.Add(ref x0, c + 1)), a01);
            a11 = Vector512.FusedMultiplyAdd(w1, Vector512.Create(Unsafe.Add(ref x1, c + 1)), a11);
            a21 = Vector512.FusedMultiplyAdd(w1, Vector512.Create(Unsafe.Add(ref x2, c + 1)), a21);
            a31 = Vector512.FusedMultiplyAdd(w1, Vector512.Create(Unsafe.Add(ref x3, c + 1)), a31);
        }

        if (left > 2)
        {
            var w2 = Vector512.LoadUnsafe(ref wu, (c + 2) * Unit);
            a02 = Vector512.FusedMultiplyAdd(w2, Vector512.Create(Unsafe.Add(ref x0, c + 2)), a02);
            a12 = Vector512.FusedMultiplyAdd(w2, Vector512.Create(Unsafe.Add(ref x1, c + 2)), a12);
            a22 = Vector512.FusedMultiplyAdd(w2, Vector512.Create(Unsafe.Add(ref x2, c + 2)), a22);
            a32 = Vector512.FusedMultiplyAdd(w2, Vector512.Create(Unsafe.Add(ref x3, c + 2)), a32);
        }

        ((a00 + a01) + (a02 + a03)).StoreUnsafe(ref y0, r);
        ((a10 + a11) + (a12 + a13)).StoreUnsafe(ref Unsafe.Add(ref y0, yStride), r);
        ((a20 + a21) + (a22 + a23)).StoreUnsafe(ref Unsafe.Add(ref y0, 2 * yStride), r);
        ((a30 + a31) + (a32 + a33)).StoreUnsafe(ref Unsafe.Add(ref y0, 3 * yStride), r);
    }
}
