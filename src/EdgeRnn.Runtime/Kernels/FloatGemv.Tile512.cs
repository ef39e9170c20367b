using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// Four vectors against units [uBegin, uEnd) of the matrix on Vector512, in exactly the order of <see cref="Vector512Path"/>:
/// the blocked units two at a time (side by side in the packed block; 2 units × 4 vectors × even/odd columns = 16
/// accumulators, each weight load serving four vectors), the remaining units one at a time (4 vectors × even/odd columns).
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
                ea0 = MulAdd.Of(wae, b, ea0);
                eb0 = MulAdd.Of(wbe, b, eb0);
                b = Vector512.Create(Unsafe.Add(ref x0, c + 1));
                oa0 = MulAdd.Of(wao, b, oa0);
                ob0 = MulAdd.Of(wbo, b, ob0);
                b = Vector512.Create(Unsafe.Add(ref x1, c));
                ea1 = MulAdd.Of(wae, b, ea1);
                eb1 = MulAdd.Of(wbe, b, eb1);
                b = Vector512.Create(Unsafe.Add(ref x1, c + 1));
                oa1 = MulAdd.Of(wao, b, oa1);
                ob1 = MulAdd.Of(wbo, b, ob1);
                b = Vector512.Create(Unsafe.Add(ref x2, c));
                ea2 = MulAdd.Of(wae, b, ea2);
                eb2 = MulAdd.Of(wbe, b, eb2);
                b = Vector512.Create(Unsafe.Add(ref x2, c + 1));
                oa2 = MulAdd.Of(wao, b, oa2);
                ob2 = MulAdd.Of(wbo, b, ob2);
                b = Vector512.Create(Unsafe.Add(ref x3, c));
                ea3 = MulAdd.Of(wae, b, ea3);
                eb3 = MulAdd.Of(wbe, b, eb3);
                b = Vector512.Create(Unsafe.Add(ref x3, c + 1));
                oa3 = MulAdd.Of(wao, b, oa3);
                ob3 = MulAdd.Of(wbo, b, ob3);
            }

            if (c < (nuint)cols)
            {
                nuint at = c * BlockWidth;
                var wae = Vector512.LoadUnsafe(ref wa, at);
                var wbe = Vector512.LoadUnsafe(ref wb, at);
                var b = Vector512.Create(Unsafe.Add(ref x0, c));
                ea0 = MulAdd.Of(wae, b, ea0);
                eb0 = MulAdd.Of(wbe, b, eb0);
                b = Vector512.Create(Unsafe.Add(ref x1, c));
                ea1 = MulAdd.Of(wae, b, ea1);
                eb1 = MulAdd.Of(wbe, b, eb1);
                b = Vector512.Create(Unsafe.Add(ref x2, c));
                ea2 = MulAdd.Of(wae, b, ea2);
                eb2 = MulAdd.Of(wbe, b, eb2);
                b = Vector512.Create(Unsafe.Add(ref x3, c));
                ea3 = MulAdd.Of(wae, b, ea3);
                eb3 = MulAdd.Of(wbe, b, eb3);
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

    /// <summary>One unit against four vectors, even and odd columns apart (the single path's order for units after the blocks).</summary>
    private static void Vector512TileUnit(ref float wu, int cols, ref float x0, int xStride, ref float i0, int initStride, ref float y0, int yStride, nuint r)
    {
        ref float x1 = ref Unsafe.Add(ref x0, xStride);
        ref float x2 = ref Unsafe.Add(ref x1, xStride);
        ref float x3 = ref Unsafe.Add(ref x2, xStride);
        var e0 = Vector512.LoadUnsafe(ref i0, r);
        var e1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref i0, initStride), r);
        var e2 = Vector512.LoadUnsafe(ref Unsafe.Add(ref i0, 2 * initStride), r);
        var e3 = Vector512.LoadUnsafe(ref Unsafe.Add(ref i0, 3 * initStride), r);
        var o0 = Vector512<float>.Zero;
        var o1 = Vector512<float>.Zero;
        var o2 = Vector512<float>.Zero;
        var o3 = Vector512<float>.Zero;
        nuint c = 0;
        for (; c + 2 <= (nuint)cols; c += 2)
        {
            var we = Vector512.LoadUnsafe(ref wu, c * Unit);
            var wo = Vector512.LoadUnsafe(ref wu, (c + 1) * Unit);
            e0 = MulAdd.Of(we, Vector512.Create(Unsafe.Add(ref x0, c)), e0);
            o0 = MulAdd.Of(wo, Vector512.Create(Unsafe.Add(ref x0, c + 1)), o0);
            e1 = MulAdd.Of(we, Vector512.Create(Unsafe.Add(ref x1, c)), e1);
            o1 = MulAdd.Of(wo, Vector512.Create(Unsafe.Add(ref x1, c + 1)), o1);
            e2 = MulAdd.Of(we, Vector512.Create(Unsafe.Add(ref x2, c)), e2);
            o2 = MulAdd.Of(wo, Vector512.Create(Unsafe.Add(ref x2, c + 1)), o2);
            e3 = MulAdd.Of(we, Vector512.Create(Unsafe.Add(ref x3, c)), e3);
            o3 = MulAdd.Of(wo, Vector512.Create(Unsafe.Add(ref x3, c + 1)), o3);
        }

        if (c < (nuint)cols)
        {
            var we = Vector512.LoadUnsafe(ref wu, c * Unit);
            e0 = MulAdd.Of(we, Vector512.Create(Unsafe.Add(ref x0, c)), e0);
            e1 = MulAdd.Of(we, Vector512.Create(Unsafe.Add(ref x1, c)), e1);
            e2 = MulAdd.Of(we, Vector512.Create(Unsafe.Add(ref x2, c)), e2);
            e3 = MulAdd.Of(we, Vector512.Create(Unsafe.Add(ref x3, c)), e3);
        }

        (e0 + o0).StoreUnsafe(ref y0, r);
        (e1 + o1).StoreUnsafe(ref Unsafe.Add(ref y0, yStride), r);
        (e2 + o2).StoreUnsafe(ref Unsafe.Add(ref y0, 2 * yStride), r);
        (e3 + o3).StoreUnsafe(ref Unsafe.Add(ref y0, 3 * yStride), r);
    }
}
