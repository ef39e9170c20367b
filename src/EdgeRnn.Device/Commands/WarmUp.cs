namespace EdgeRnn.Device.Commands;

/// <summary>How long a benchmark row warms up before it is measured: at least <paramref name="Steps"/> steps and at least
/// <paramref name="Duration"/>. The JIT first compiles the step code quickly (tier 0) and replaces it with optimised code
/// only after it has been called for a while (tiered compilation), so a warm-up counted in steps alone measures the
/// unoptimised code on a fast machine, several times slower.</summary>
/// <param name="Steps">The least number of warm-up steps, 0 or more.</param>
/// <param name="Duration">The least warm-up time.</param>
internal readonly record struct WarmUp(int Steps, TimeSpan Duration);
