using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// exp, sigmoid and tanh in float32 with the same polynomial in the scalar and the vector form (Vector&lt;float&gt;: AVX2,
/// AVX-512 or NEON), so that a vector body and its scalar tail agree to the bit. exp: x clamped to [−87.3, 88.3] (so that 2^n stays a normal float),
/// n = round(x·log2 e) (by adding 1.5·2^23), r = x − n·ln 2 (two-part ln 2), e^r by its degree-6 Taylor polynomial (relative error &lt; 2e-7
/// for |r| ≤ ln2/2), times 2^n built in the exponent bits. sigmoid(x) = 1 / (1 + e^−x); tanh(x) = 2·sigmoid(2x) − 1
/// (absolute error &lt; 3e-7).
/// </summary>
internal static partial class Activations
{
    private const float MinInput = -87.3f;
    private const float MaxInput = 88.3f;
    private const float Log2E = 1.44269504f;
    private const float Ln2High = 0.693145751953125f;
    private const float Ln2Low = 1.42860677e-6f;
    /// <summary>1.5·2^23: adding it rounds a float of magnitude below 2^22 to an integer, which then sits in the low mantissa bits.</summary>
    private const float RoundingMagic = 12582912f;
    private const int MagicBits = 0x4B400000;
    private const float C2 = 1f / 2;
    private const float C3 = 1f / 6;
    private const float C4 = 1f / 24;
    private const float C5 = 1f / 120;
    private const float C6 = 1f / 720;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x)
    {
        x = Math.Clamp(x, MinInput, MaxInput);
        float t = MulAdd.Of(x, Log2E, RoundingMagic);
        float n = t - RoundingMagic;
        float r = MulAdd.Of(n, -Ln2High, x);
        r = MulAdd.Of(n, -Ln2Low, r);
        float p = MulAdd.Of(C6, r, C5);
        p = MulAdd.Of(p, r, C4);
        p = MulAdd.Of(p, r, C3);
        p = MulAdd.Of(p, r, C2);
        p = MulAdd.Of(p, r, 1f);
        p = MulAdd.Of(p, r, 1f);
        return p * BitConverter.Int32BitsToSingle((BitConverter.SingleToInt32Bits(t) - MagicBits + 127) << 23);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x) => 1f / (1f + Exp(-x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x) => (2f * Sigmoid(2f * x)) - 1f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> x)
    {
        x = Vector.MinNative(Vector.MaxNative(x, new Vector<float>(MinInput)), new Vector<float>(MaxInput));
        var t = MulAdd.Of(x, new Vector<float>(Log2E), new Vector<float>(RoundingMagic));
        var n = t - new Vector<float>(RoundingMagic);
        var r = MulAdd.Of(n, new Vector<float>(-Ln2High), x);
        r = MulAdd.Of(n, new Vector<float>(-Ln2Low), r);
        var p = MulAdd.Of(new Vector<float>(C6), r, new Vector<float>(C5));
        p = MulAdd.Of(p, r, new Vector<float>(C4));
        p = MulAdd.Of(p, r, new Vector<float>(C3));
        p = MulAdd.Of(p, r, new Vector<float>(C2));
        p = MulAdd.Of(p, r, Vector<float>.One);
        p = MulAdd.Of(p, r, Vector<float>.One);
        var scale = Vector.ShiftLeft(Vector.AsVectorInt32(t) + new Vector<int>(127 - MagicBits), 23);
        return p * Vector.AsVectorSingle(scale);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sigmoid(Vector<float> x) => Vector<float>.One / (Vector<float>.One + Exp(-x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tanh(Vector<float> x) => (new Vector<float>(2f) * Sigmoid(x + x)) - Vector<float>.One;
}
