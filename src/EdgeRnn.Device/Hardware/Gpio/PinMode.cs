namespace EdgeRnn.Device.Hardware.Gpio;

/// <summary>How a GPIO line is used (dotnet/iot's <c>PinMode</c>).</summary>
internal enum PinMode
{
    /// <summary>Input with the board's default bias; edges are reported.</summary>
    Input,

    /// <summary>Output, driven by <see cref="GpioController.Write"/>.</summary>
    Output,

    /// <summary>Input with the pull-up bias enabled.</summary>
    InputPullUp,

    /// <summary>Input with the pull-down bias enabled.</summary>
    InputPullDown,
}
