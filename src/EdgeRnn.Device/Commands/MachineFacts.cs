using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Device.Commands;

/// <summary>What a benchmark figure depends on: the processor, the OS, the runtime and the vector widths the JIT uses.</summary>
internal static class MachineFacts
{
    /// <summary>The facts as (name, value) pairs, in display order.</summary>
    /// <returns>The facts.</returns>
    public static IReadOnlyList<(string Name, string Value)> Collect() =>
    [
        ("Processor", ProcessorName() ?? "unknown"),
        ("Architecture", RuntimeInformation.ProcessArchitecture.ToString()),
        ("Logical processors", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("OS", RuntimeInformation.OSDescription),
        ("Runtime", RuntimeInformation.FrameworkDescription + (RuntimeFeature.IsDynamicCodeSupported ? " (JIT)" : " (native AOT)")),
        ("Vector512 accelerated", YesNo(Vector512.IsHardwareAccelerated)),
        ("Vector256 accelerated", YesNo(Vector256.IsHardwareAccelerated)),
        ("Vector128 accelerated", YesNo(Vector128.IsHardwareAccelerated)),
        ("Timer", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Stopwatch.Frequency:N0} Hz{(Stopwatch.IsHighResolution ? ", high resolution" : string.Empty)}")),
    ];

    private static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>The processor's model name from /proc/cpuinfo (x86 "model name", Raspberry Pi "Model"), or null elsewhere.</summary>
    private static string? ProcessorName()
    {
        const string CpuInfo = "/proc/cpuinfo";
        if (!File.Exists(CpuInfo))
        {
            return null;
        }

        try
        {
            string? board = null;
            foreach (string line in File.ReadLines(CpuInfo))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                {
                    continue;
                }

                string key = line[..colon].Trim();
                if (key == "model name")
                {
                    return line[(colon + 1)..].Trim();
                }

                if (key == "Model")
                {
                    board = line[(colon + 1)..].Trim();
                }
            }

            return board;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
