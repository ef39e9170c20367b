namespace EdgeRnn.Device.Tests.Hardware.Rig;

/// <summary>A fact that needs the real kernel drivers of ../shared/kernel-rig (i2c-stub on /dev/i2c-0, gpio-sim on
/// /dev/gpiochip0); skipped unless EDGERNN_KERNEL_RIG=1, which .ci/kernel-rig.sh sets inside the VM.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RigFactAttribute : FactAttribute
{
    public const string EnvironmentVariable = "EDGERNN_KERNEL_RIG";

    public RigFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) != "1")
        {
            Skip = "needs the kernel rig (EDGERNN_KERNEL_RIG=1)";
        }
    }
}

/// <summary>Tests that hold gpio-sim's lines run one at a time: a line held by one test is busy for another.</summary>
[CollectionDefinition(nameof(GpioSimLines))]
public sealed class GpioSimLines
{
}
