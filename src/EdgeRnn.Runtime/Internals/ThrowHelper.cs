using System.Diagnostics.CodeAnalysis;

namespace EdgeRnn.Runtime;

/// <summary>Throw sites kept out of hot methods so that those stay small and inlinable.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowKernelShape(int cols, int paddedRows, int xLength, int yLength) =>
        throw new ArgumentException($"Expected x of at least {cols} values and init/y of at least {paddedRows}; found {xLength} and {yLength}.");

    [DoesNotReturn]
    public static void ThrowLength(string name, int expected, int found) =>
        throw new ArgumentException($"Expected {name} of length {expected}; found {found}.", name);

    [DoesNotReturn]
    public static void ThrowMultipleLength(string name, int multipleOf, int found) =>
        throw new ArgumentException($"Expected {name} to hold a whole number of rows of {multipleOf}; found {found} values.", name);
}
