using System.Runtime.CompilerServices;

namespace EdgeRnn.Device.Tests.Hardware.Rig;

/// <summary>A fact that needs the real kernel drivers of ../shared/kernel-rig (i2c-stub on /dev/i2c-0, gpio-sim on
/// /dev/gpiochip0); skipped unless EDGERNN_KERNEL_RIG=1, which .ci/kernel-rig.sh sets inside the VM.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RigFactAttribute : FactAttribute
{
    public const string EnvironmentVariable = "EDGERNN_KERNEL_RIG";

    public RigFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) != "1")
        {
            Skip = "needs the kernel rig (EDGERNN_KERNEL_RIG=1)";
        }
    }
}

/// <summary>Rig tests share one gpio-sim chip and one i2c-stub bus (a held line is busy for another test, a preset register
/// is another test's input), so they run one at a time.</summary>
[CollectionDefinition(nameof(RigDevices))]
public sealed class RigDevices
{
}
