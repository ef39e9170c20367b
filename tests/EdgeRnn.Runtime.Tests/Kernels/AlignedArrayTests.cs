using System.Runtime.CompilerServices;
using EdgeRnn.Runtime.Kernels;

namespace EdgeRnn.Runtime.Tests.Kernels;

public class AlignedArrayTests
{
    [Fact]
    public void PackedMatrices_ManySizes_StartOn64ByteBoundary()
    {
        for (int rows = 1; rows <= 40; rows += 3)
        {
            for (int cols = 1; cols <= 20; cols += 3)
            {
                var f = PackedFloatMatrix.Pack(new float[rows * cols], rows, cols);
                Assert.Equal(0, Address(ref f.Start) % 64);
                Assert.Equal(PackedFloatMatrix.PadRows(rows) * cols, f.Data.Length);
                foreach (var layout in new[] { Int8Layout.Widening, Int8Layout.DotProduct4 })
                {
                    var q = PackedInt8Matrix.Pack(new sbyte[rows * cols], new float[rows], rows, cols, layout);
                    Assert.Equal(0, Address(ref Unsafe.As<sbyte, byte>(ref q.Start)) % 64);
                    Assert.Equal(q.PaddedRows * q.PaddedCols, q.Data.Length);
                }
            }
        }
    }

    [Fact]
    public void AlignedArray_New_IsZeroAndStartIsFirstElement()
    {
        var array = new AlignedArray<float>(37);
        Assert.Equal(37, array.Span.Length);
        Assert.All(array.Span.ToArray(), v => Assert.Equal(0f, v));
        array.Start = 5f;
        Assert.Equal(5f, array.Span[0]);
    }

    private static unsafe long Address<T>(ref T value) => (long)Unsafe.AsPointer(ref value);
}
