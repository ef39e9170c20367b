using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// A zeroed array on the pinned object heap whose usable part starts on a 64-byte boundary, so that a 64-byte vector load
/// of packed weights never spans two cache lines (a split load costs a second L1 access).
/// </summary>
/// <typeparam name="T">An unmanaged element type.</typeparam>
internal readonly struct AlignedArray<T>
    where T : unmanaged
{
    public const int Alignment = 64;

    private readonly T[] _array;
    private readonly int _offset;

    public AlignedArray(int length)
    {
        int slack = Alignment / Unsafe.SizeOf<T>();
        _array = GC.AllocateArray<T>(length + slack, pinned: true);
        nint address = AddressOf(ref MemoryMarshal.GetArrayDataReference(_array));
        _offset = (int)((Alignment - (address % Alignment)) % Alignment) / Unsafe.SizeOf<T>();
        Length = length;
    }

    public int Length { get; }

    /// <summary>The usable elements (the array never moves: it is pinned).</summary>
    public Span<T> Span => _array.AsSpan(_offset, Length);

    /// <summary>The first usable element, 64-byte aligned.</summary>
    public ref T Start => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), _offset);

    private static unsafe nint AddressOf(ref T value) => (nint)Unsafe.AsPointer(ref value);
}
