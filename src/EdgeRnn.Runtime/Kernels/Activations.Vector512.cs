using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>The same functions on Vector512 (16 lanes where AVX-512 is there; Vector&lt;float&gt; stays at 8 lanes on x64).</summary>
internal static partial class Activations
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(MinInput)), Vector512.Create(MaxInput));
        var t = MulAdd.Of(x, Vector512.Create(Log2E), Vector512.Create(RoundingMagic));
        var n = t - Vector512.Create(RoundingMagic);
        var r = MulAdd.Of(n, Vector512.Create(-Ln2High), x);
        r = MulAdd.Of(n, Vector512.Create(-Ln2Low), r);
        var p = MulAdd.Of(Vector512.Create(C6), r, Vector512.Create(C5));
        p = MulAdd.Of(p, r, Vector512.Create(C4));
        p = MulAdd.Of(p, r, Vector512.Create(C3));
        p = MulAdd.Of(p, r, Vector512.Create(C2));
        p = MulAdd.Of(p, r, Vector512<float>.One);
        p = MulAdd.Of(p, r, Vector512<float>.One);
        var scale = Vector512.ShiftLeft(t.AsInt32() + Vector512.Create(127 - MagicBits), 23);
        return p * scale.AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + Exp(-x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x) => (Vector512.Create(2f) * Sigmoid(x + x)) - Vector512<float>.One;
}
