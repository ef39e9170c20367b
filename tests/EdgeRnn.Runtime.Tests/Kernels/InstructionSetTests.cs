using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using EdgeRnn.Runtime.Kernels;

namespace EdgeRnn.Runtime.Tests.Kernels;

/// <summary>
/// The ARM64 CI stage (.ci/arm64.sh) runs these tests under qemu-aarch64-static and names the core it emulates in
/// EDGERNN_EXPECT_CPU; this checks that .NET sees that core's instruction sets, so the kernels really ran on the paths the
/// stage claims to test. Skipped where the variable is not set.
/// </summary>
public sealed class InstructionSetTests
{
    public const string EnvironmentVariable = "EDGERNN_EXPECT_CPU";

    [Fact]
    public void ExpectedCpu_InstructionSetsAndKernelPaths_MatchTheEmulatedCore()
    {
        string? cpu = Environment.GetEnvironmentVariable(EnvironmentVariable);
        Assert.SkipWhen(string.IsNullOrEmpty(cpu), $"{EnvironmentVariable} not set: not in the ARM64 stage");

        // Pi 4: Cortex-A72 (ARMv8.0-A, NEON, no dot product). Pi 5: Cortex-A76 (ARMv8.2-A, NEON and SDOT/UDOT).
        bool dotProduct = cpu switch
        {
            "cortex-a72" => false,
            "cortex-a76" => true,
            _ => throw new InvalidOperationException($"{EnvironmentVariable}: expected cortex-a72 or cortex-a76, got '{cpu}'"),
        };

        Assert.Equal(Architecture.Arm64, RuntimeInformation.ProcessArchitecture);
        Assert.True(AdvSimd.IsSupported, $"{cpu}: AdvSimd expected");
        Assert.True(AdvSimd.Arm64.IsSupported, $"{cpu}: AdvSimd.Arm64 expected");
        Assert.True(Vector128.IsHardwareAccelerated, $"{cpu}: Vector128 accelerated expected");
        Assert.False(Vector256.IsHardwareAccelerated, $"{cpu}: no 256-bit vectors expected");
        Assert.Equal(dotProduct, Dp.IsSupported);
        Assert.True(MulAdd.IsFused, $"{cpu}: fused multiply-add expected");
        Assert.Equal(Int8Layout.DotProduct4, PackedInt8Matrix.PreferredLayout);
    }
}
