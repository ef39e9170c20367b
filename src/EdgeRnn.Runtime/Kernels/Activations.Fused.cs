using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// A sigmoid times a tanh over one division instead of two (divisions are the slowest step of the LSTM's end):
/// σ(a)·tanh(b) = (1 − e^−2b) / ((1 + e^−a)(1 + e^−2b)). The arguments are clamped first, a ≥ −30 (σ(−30) ≈ 9e-14) and
/// |b| ≤ 9 (tanh(9) rounds to 1 in float32), so the product of the denominators stays far below float's range. Scalar,
/// Vector&lt;float&gt; and Vector512 forms do the same operations, so they agree to the bit.
/// </summary>
internal static partial class Activations
{
    private const float SigmoidFloor = -30f;
    private const float TanhLimit = 9f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidTimesTanh(float a, float b)
    {
        float ea = Exp(-MathF.Max(a, SigmoidFloor));
        float eb = Exp(-2f * Math.Clamp(b, -TanhLimit, TanhLimit));
        return (1f - eb) / ((1f + ea) * (1f + eb));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> SigmoidTimesTanh(Vector<float> a, Vector<float> b)
    {
        var ea = Exp(-Vector.Max(a, new Vector<float>(SigmoidFloor)));
        var eb = Exp(new Vector<float>(-2f) * Vector.Min(Vector.Max(b, new Vector<float>(-TanhLimit)), new Vector<float>(TanhLimit)));
        return (Vector<float>.One - eb) / ((Vector<float>.One + ea) * (Vector<float>.One + eb));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SigmoidTimesTanh(Vector512<float> a, Vector512<float> b)
    {
        var ea = Exp(-Vector512.Max(a, Vector512.Create(SigmoidFloor)));
        var eb = Exp(Vector512.Create(-2f) * Vector512.Min(Vector512.Max(b, Vector512.Create(-TanhLimit)), Vector512.Create(TanhLimit)));
        return (Vector512<float>.One - eb) / ((Vector512<float>.One + ea) * (Vector512<float>.One + eb));
    }
}
