using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// a·b + c for the kernels: fused (one rounding) where the processor has a fused multiply-add instruction (x86 with FMA,
/// every ARM64), a multiply then an add elsewhere. .NET's <c>FusedMultiplyAdd</c> promises one rounding everywhere and
/// so emulates it in software where the instruction is missing — x86 without FMA: NativeAOT's default x64 target,
/// Atom-class gateways, hardware intrinsics switched off — at about a hundred times the cost of the two operations.
/// </summary>
/// <remarks>
/// The vector forms are .NET's <c>MultiplyAddEstimate</c>, which fuses exactly where the instruction exists; the scalar
/// form follows the same rule (<see cref="IsFused"/>, a JIT- or AOT-time constant), so a vector body and its scalar
/// tail, or a batched kernel and the single-stream one, still agree to the bit on any one machine (tested). A branch
/// around <c>FusedMultiplyAdd</c> in the vector forms would also work but makes the JIT keep accumulators on the stack.
/// Kernels keep their accuracy either way: the exp range reduction splits ln 2 so that n·ln2_high is exact without
/// fusion, and the sums differ from the fused ones only in the last bits.
/// </remarks>
internal static class MulAdd
{
    /// <summary>Whether <c>Of</c> rounds once (a hardware fused multiply-add) on this machine.</summary>
    public static bool IsFused
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Fma.IsSupported || AdvSimd.IsSupported;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Of(float a, float b, float c)
    {
        if (IsFused)
        {
            return MathF.FusedMultiplyAdd(a, b, c);
        }

        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Of(Vector<float> a, Vector<float> b, Vector<float> c) => Vector.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Of(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Of(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Of(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.MultiplyAddEstimate(a, b, c);
}
