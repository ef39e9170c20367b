using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// The LSTM's gate functions: σ(a), σ(a)·tanh(b) for the input (σ(i)·tanh(g)) and σ(a)·tanh(b) for the output
/// (<see cref="Hidden(float, float)"/>: σ(o)·tanh(c)). Each exponential is computed in base 2 with the scale folded in:
/// e^(−a) = 2^(a·k) with k = −log2 e (−2·log2 e for e^(−2b)); n = round(a·k) (by adding 1.5·2^23), r = a·k − n in one
/// multiply-add (|r| ≤ ½), 2^r = 1 + r·q(r) with q of degree 4 the minimax of q's relative error against (2^r − 1)/r
/// on [−½, ½] (4.3e-7; so 1 − 2^r keeps its relative accuracy for small r, and 2^r is within 2.2e-7 with float
/// coefficients and rounding), times 2^n. σ(a) = 1 / (1 + e^(−a)); σ(a)·tanh(b) = (1 − e^(−2b)) / ((1 + e^(−a))(1 + e^(−2b))),
/// one division. In <see cref="Hidden(float, float)"/> tanh(b) is b·P(b²)/Q(b²) instead, P and Q of degree 4 (the minimax of the
/// relative error of tanh(b)/b on [0, 9]: 2.1e-8; 2.9e-7 with float coefficients and rounding, relative to tanh at any
/// b), so σ(a)·tanh(b) = b·P / (Q·(1 + e^(−a))): c's tanh follows the cell update, on the step's critical path, and this
/// chain is about 20 cycles shorter than the exponential's; tanh(g) keeps the exponential (fewer multiply-adds, and its
/// chain runs beside σ(i)'s anyway). a is clamped to ±30 (σ(−30) ≈ 9e-14, σ(30) rounds to 1) and b to ±9 (tanh(9)
/// rounds to 1), so 2^n stays a normal float; NaN stays NaN.
/// </summary>
/// <remarks>
/// Scalar, Vector&lt;float&gt; and Vector512 forms do the same IEEE operations and agree to the bit; on AVX-512, r is one
/// VFMSUB and 2^n one VSCALEFPS, exactly what the other forms compute with a negation and the exponent bits (VRANGEPS
/// would clamp in one instruction but turns NaN into the limit). Without a fused multiply-add (<see cref="MulAdd"/>) a·k is
/// rounded before n is taken off: absolute errors stay as they are, the tiny values of σ near the clamp lose up to 1.5e-6
/// of themselves. The rational tanh may exceed 1 by one ulp (1.2e-7) near the clamp. The GRU and the Elman RNN keep
/// <see cref="Activations"/>.
/// </remarks>
internal static class LstmActivations
{
    /// <summary>|a| bound of σ's argument.</summary>
    public const float SigmoidLimit = 30f;

    /// <summary>|b| bound of tanh's argument.</summary>
    public const float TanhLimit = 9f;

    private const float NegLog2E = -1.44269504f;
    private const float NegTwoLog2E = 2 * NegLog2E;

    /// <summary>1.5·2^23: adding it rounds a float of magnitude below 2^22 to an integer, which then sits in the low mantissa bits.</summary>
    private const float RoundingMagic = 12582912f;
    private const int MagicBits = 0x4B400000;

    // 2^r ≈ 1 + r·(P1 + r·(P2 + r·(P3 + r·(P4 + r·P5)))), |r| ≤ ½.
    private const float P1 = 0.693147123f;
    private const float P2 = 0.240223512f;
    private const float P3 = 0.0555050038f;
    private const float P4 = 0.00966624543f;
    private const float P5 = 0.00133335392f;

    // tanh(b) ≈ b·P(u)/Q(u), u = b², |b| ≤ 9: P = 1 + u·(T1 + u·(T2 + u·(T3 + u·T4))), Q likewise with S1…S4.
    private const float T1 = 0.133839771f;
    private const float T2 = 0.00349899312f;
    private const float T3 = 2.06612185e-05f;
    private const float T4 = 1.34197675e-08f;
    private const float S1 = 0.46717298f;
    private const float S2 = 0.0258901957f;
    private const float S3 = 0.000329103379f;
    private const float S4 = 7.804706e-07f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float a) => 1f / (1f + Exp2(Math.Clamp(a, -SigmoidLimit, SigmoidLimit), NegLog2E));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidTimesTanh(float a, float b)
    {
        float ea = Exp2(Math.Clamp(a, -SigmoidLimit, SigmoidLimit), NegLog2E);
        float eb = Exp2(Math.Clamp(b, -TanhLimit, TanhLimit), NegTwoLog2E);
        return (1f - eb) / ((1f + ea) * (1f + eb));
    }

    /// <summary>h = σ(o)·tanh(c), tanh rational (see the class remarks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Hidden(float o, float c)
    {
        float eo = Exp2(Math.Clamp(o, -SigmoidLimit, SigmoidLimit), NegLog2E);
        float x = Math.Clamp(c, -TanhLimit, TanhLimit);
        float u = x * x;
        float p = MulAdd.Of(MulAdd.Of(MulAdd.Of(MulAdd.Of(T4, u, T3), u, T2), u, T1), u, 1f);
        float q = MulAdd.Of(MulAdd.Of(MulAdd.Of(MulAdd.Of(S4, u, S3), u, S2), u, S1), u, 1f);
        return (x * p) / (q * (1f + eo));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sigmoid(Vector<float> a) => Vector<float>.One / (Vector<float>.One + Exp2(Clamp(a, SigmoidLimit), NegLog2E));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> SigmoidTimesTanh(Vector<float> a, Vector<float> b)
    {
        var ea = Exp2(Clamp(a, SigmoidLimit), NegLog2E);
        var eb = Exp2(Clamp(b, TanhLimit), NegTwoLog2E);
        return (Vector<float>.One - eb) / ((Vector<float>.One + ea) * (Vector<float>.One + eb));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Hidden(Vector<float> o, Vector<float> c)
    {
        var eo = Exp2(Clamp(o, SigmoidLimit), NegLog2E);
        var x = Clamp(c, TanhLimit);
        var u = x * x;
        var p = MulAdd.Of(MulAdd.Of(MulAdd.Of(MulAdd.Of(new Vector<float>(T4), u, new Vector<float>(T3)), u, new Vector<float>(T2)), u, new Vector<float>(T1)), u, Vector<float>.One);
        var q = MulAdd.Of(MulAdd.Of(MulAdd.Of(MulAdd.Of(new Vector<float>(S4), u, new Vector<float>(S3)), u, new Vector<float>(S2)), u, new Vector<float>(S1)), u, Vector<float>.One);
        return (x * p) / (q * (Vector<float>.One + eo));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> a) => Vector512<float>.One / (Vector512<float>.One + Exp2(Clamp(a, SigmoidLimit), NegLog2E));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SigmoidTimesTanh(Vector512<float> a, Vector512<float> b)
    {
        var ea = Exp2(Clamp(a, SigmoidLimit), NegLog2E);
        var eb = Exp2(Clamp(b, TanhLimit), NegTwoLog2E);
        return (Vector512<float>.One - eb) / ((Vector512<float>.One + ea) * (Vector512<float>.One + eb));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Hidden(Vector512<float> o, Vector512<float> c)
    {
        var eo = Exp2(Clamp(o, SigmoidLimit), NegLog2E);
        var x = Clamp(c, TanhLimit);
        var u = x * x;
        var p = MulAdd.Of(MulAdd.Of(MulAdd.Of(MulAdd.Of(Vector512.Create(T4), u, Vector512.Create(T3)), u, Vector512.Create(T2)), u, Vector512.Create(T1)), u, Vector512<float>.One);
        var q = MulAdd.Of(MulAdd.Of(MulAdd.Of(MulAdd.Of(Vector512.Create(S4), u, Vector512.Create(S3)), u, Vector512.Create(S2)), u, Vector512.Create(S1)), u, Vector512<float>.One);
        return (x * p) / (q * (Vector512<float>.One + eo));
    }

    /// <summary>2^(x·k) for |x·k| ≤ 126.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Exp2(float x, float k)
    {
        float t = MulAdd.Of(x, k, RoundingMagic);
        float n = t - RoundingMagic;
        float r = MulAdd.Of(x, k, -n);
        float p = MulAdd.Of(P5, r, P4);
        p = MulAdd.Of(p, r, P3);
        p = MulAdd.Of(p, r, P2);
        p = MulAdd.Of(p, r, P1);
        p = MulAdd.Of(p, r, 1f);
        return p * BitConverter.Int32BitsToSingle((BitConverter.SingleToInt32Bits(t) - MagicBits + 127) << 23);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Exp2(Vector<float> x, float k)
    {
        var scale = new Vector<float>(k);
        var t = MulAdd.Of(x, scale, new Vector<float>(RoundingMagic));
        var n = t - new Vector<float>(RoundingMagic);
        var r = MulAdd.Of(x, scale, -n);
        var p = MulAdd.Of(new Vector<float>(P5), r, new Vector<float>(P4));
        p = MulAdd.Of(p, r, new Vector<float>(P3));
        p = MulAdd.Of(p, r, new Vector<float>(P2));
        p = MulAdd.Of(p, r, new Vector<float>(P1));
        p = MulAdd.Of(p, r, Vector<float>.One);
        return p * Vector.AsVectorSingle(Vector.ShiftLeft(Vector.AsVectorInt32(t) + new Vector<int>(127 - MagicBits), 23));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Exp2(Vector512<float> x, float k)
    {
        var scale = Vector512.Create(k);
        var t = MulAdd.Of(x, scale, Vector512.Create(RoundingMagic));
        var n = t - Vector512.Create(RoundingMagic);
        var r = Avx512F.IsSupported ? Avx512F.FusedMultiplySubtract(x, scale, n) : MulAdd.Of(x, scale, -n);
        var p = MulAdd.Of(Vector512.Create(P5), r, Vector512.Create(P4));
        p = MulAdd.Of(p, r, Vector512.Create(P3));
        p = MulAdd.Of(p, r, Vector512.Create(P2));
        p = MulAdd.Of(p, r, Vector512.Create(P1));
        p = MulAdd.Of(p, r, Vector512<float>.One);
        if (Avx512F.IsSupported)
        {
            return Avx512F.Scale(p, n);
        }

        return p * Vector512.ShiftLeft(t.AsInt32() + Vector512.Create(127 - MagicBits), 23).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Clamp(Vector<float> x, float limit) => Vector.Min(Vector.Max(x, new Vector<float>(-limit)), new Vector<float>(limit));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Clamp(Vector512<float> x, float limit) => Vector512.Min(Vector512.Max(x, Vector512.Create(-limit)), Vector512.Create(limit));
}
