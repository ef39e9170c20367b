using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using EdgeRnn.Runtime.Kernels;

namespace EdgeRnn.Runtime.Tests.Kernels;

public sealed class MulAddTests
{
    // (1 + 2^-12)² − (1 + 2^-11) = 2^-24 exactly: one rounding keeps it; a multiply rounds the product to 1 + 2^-11
    // (floats above 1 are 2^-23 apart), so a multiply then an add gives 0.
    private const float A = 1f + (1f / 4096);
    private const float B = A;
    private const float C = -(1f + (1f / 2048));

    [Fact]
    public void IsFused_FollowsTheHardware()
    {
        Assert.Equal(Fma.IsSupported || AdvSimd.IsSupported, MulAdd.IsFused);
    }

    [Fact]
    public void Of_Scalar_RoundsOnceExactlyWhenFused()
    {
        float expected = MulAdd.IsFused ? 1f / (1 << 24) : 0f;

        Assert.Equal(expected, MulAdd.Of(A, B, C));
    }

    [Fact]
    public void Of_EveryVectorWidth_AgreesWithTheScalarFormInEveryLane()
    {
        // The vector and scalar forms decide alike, so a vector body and its scalar tail agree to the bit; checked
        // here on the one input whose result tells fused from unfused, and on random inputs.
        var random = new Random(7);
        var a = new float[16];
        var b = new float[16];
        var c = new float[16];
        for (int trial = 0; trial < 200; trial++)
        {
            for (int i = 0; i < 16; i++)
            {
                (a[i], b[i], c[i]) = trial == 0 ? (A, B, C) : ((float)random.NextDouble() * 4 - 2, (float)random.NextDouble() * 4 - 2, (float)random.NextDouble() * 4 - 2);
            }

            var v = MulAdd.Of(new Vector<float>(a), new Vector<float>(b), new Vector<float>(c));
            var v128 = MulAdd.Of(Vector128.Create(a), Vector128.Create(b), Vector128.Create(c));
            var v256 = MulAdd.Of(Vector256.Create(a), Vector256.Create(b), Vector256.Create(c));
            var v512 = MulAdd.Of(Vector512.Create(a), Vector512.Create(b), Vector512.Create(c));
            for (int i = 0; i < 16; i++)
            {
                float scalar = MulAdd.Of(a[i], b[i], c[i]);
                if (i < Vector<float>.Count)
                {
                    Assert.Equal(scalar, v[i]);
                }

                if (i < 4)
                {
                    Assert.Equal(scalar, v128[i]);
                }

                if (i < 8)
                {
                    Assert.Equal(scalar, v256[i]);
                }

                Assert.Equal(scalar, v512[i]);
            }
        }
    }

    [Fact]
    public void RuntimeSources_CallFusedMultiplyAddOnlyThroughMulAdd()
    {
        // .NET's FusedMultiplyAdd is emulated in software where the processor lacks FMA (NativeAOT's default x64
        // target, Atom-class CPUs): one such call in a kernel made a step 30 to 130 times slower there.
        var runtime = SourceTree.FindUp(Path.Combine("src", "EdgeRnn.Runtime"));
        var offenders = Directory.GetFiles(runtime, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(f) != "MulAdd.cs"
                && File.ReadAllText(f).Contains("FusedMultiplyAdd(", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToList();

        Assert.Empty(offenders);
    }
}
