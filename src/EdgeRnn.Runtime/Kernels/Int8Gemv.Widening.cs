using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// The portable int8 paths for <see cref="Int8Layout.Widening"/>: each pair of columns is widened to int16, multiplied and
/// added in int16 (|a·b + c·d| ≤ 2·127·127 = 32258 &lt; 32767, so exact), then widened to int32 and accumulated.
/// </summary>
internal static partial class Int8Gemv
{
    private static void Widening256Block(PackedInt8Matrix w, ReadOnlySpan<sbyte> q, int u, int count, Span<int> acc)
    {
        int pc = w.PaddedCols;
        int stride = pc * Unit;
        ref sbyte qRef = ref MemoryMarshal.GetReference(q);
        ref int accRef = ref MemoryMarshal.GetReference(acc);
        for (int k = 0; k < count; k++)
        {
            ref sbyte wRef = ref Unsafe.Add(ref w.Start, (u + k) * stride);
            var a0 = Vector256<int>.Zero;
            var a1 = Vector256<int>.Zero;
            for (int c = 0; c < pc; c += 2)
            {
                var both = Vector256.LoadUnsafe(ref wRef, (nuint)(c * Unit));
                var p = (Vector256.WidenLower(both) * Vector256.Create((short)Unsafe.Add(ref qRef, c)))
                      + (Vector256.WidenUpper(both) * Vector256.Create((short)Unsafe.Add(ref qRef, c + 1)));
                a0 += Vector256.WidenLower(p);
                a1 += Vector256.WidenUpper(p);
            }

            a0.StoreUnsafe(ref accRef, (nuint)(k * Unit));
            a1.StoreUnsafe(ref accRef, (nuint)((k * Unit) + 8));
        }
    }

    private static void Widening128Block(PackedInt8Matrix w, ReadOnlySpan<sbyte> q, int u, int count, Span<int> acc)
    {
        int pc = w.PaddedCols;
        int stride = pc * Unit;
        ref sbyte qRef = ref MemoryMarshal.GetReference(q);
        ref int accRef = ref MemoryMarshal.GetReference(acc);
        for (int k = 0; k < count; k++)
        {
            ref sbyte wRef = ref Unsafe.Add(ref w.Start, (u + k) * stride);
            var a0 = Vector128<int>.Zero;
            var a1 = Vector128<int>.Zero;
            var a2 = Vector128<int>.Zero;
            var a3 = Vector128<int>.Zero;
            for (int c = 0; c < pc; c += 2)
            {
                var first = Vector128.LoadUnsafe(ref wRef, (nuint)(c * Unit));
                var second = Vector128.LoadUnsafe(ref wRef, (nuint)((c + 1) * Unit));
                var x0 = Vector128.Create((short)Unsafe.Add(ref qRef, c));
                var x1 = Vector128.Create((short)Unsafe.Add(ref qRef, c + 1));
                var low = (Vector128.WidenLower(first) * x0) + (Vector128.WidenLower(second) * x1);
                var high = (Vector128.WidenUpper(first) * x0) + (Vector128.WidenUpper(second) * x1);
                a0 += Vector128.WidenLower(low);
                a1 += Vector128.WidenUpper(low);
                a2 += Vector128.WidenLower(high);
                a3 += Vector128.WidenUpper(high);
            }

            a0.StoreUnsafe(ref accRef, (nuint)(k * Unit));
            a1.StoreUnsafe(ref accRef, (nuint)((k * Unit) + 4));
            a2.StoreUnsafe(ref accRef, (nuint)((k * Unit) + 8));
            a3.StoreUnsafe(ref accRef, (nuint)((k * Unit) + 12));
        }
    }
}
