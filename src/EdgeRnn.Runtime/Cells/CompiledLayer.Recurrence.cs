using System.Numerics.Tensors;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Cells;

internal sealed partial class CompiledLayer
{
    /// <summary>
    /// One recurrent step from a projected input: updates h (and c) in place. <paramref name="pre"/> (GateRows values) is
    /// used as scratch; <paramref name="work"/> needs <see cref="WorkLength"/> values and <paramref name="quantized"/>
    /// <see cref="QuantizedLength"/>.
    /// </summary>
    public void Recur(Span<float> pre, Span<float> h, Span<float> c, Span<float> work, Span<sbyte> quantized)
    {
        int n = HiddenSize;
        switch (Kind)
        {
            case CellKind.Lstm:
            {
                _weightHh.MultiplyAdd(h, pre, pre, quantized);
                var sigmoids = pre[..(3 * n)];
                TensorPrimitives.Sigmoid(sigmoids, sigmoids);
                var g = pre.Slice(3 * n, n);
                TensorPrimitives.Tanh(g, g);
                var i = pre[..n];
                var f = pre.Slice(n, n);
                var o = pre.Slice(2 * n, n);
                var t = work[..n];
                TensorPrimitives.Multiply(i, g, t);
                TensorPrimitives.FusedMultiplyAdd(f, c, t, c);
                TensorPrimitives.Tanh(c, t);
                TensorPrimitives.Multiply(o, t, h);
                break;
            }

            case CellKind.Gru:
            {
                var gh = work[..GateRows];
                _weightHh.MultiplyAdd(h, _recurrentBias, gh, quantized);
                var rz = pre[..(2 * n)];
                TensorPrimitives.Add(rz, gh[..(2 * n)], rz);
                TensorPrimitives.Sigmoid(rz, rz);
                var r = pre[..n];
                var z = pre.Slice(n, n);
                var candidate = pre.Slice(2 * n, n);
                TensorPrimitives.FusedMultiplyAdd(r, gh.Slice(2 * n, n), candidate, candidate);
                TensorPrimitives.Tanh(candidate, candidate);
                var t = gh[..n];
                TensorPrimitives.Subtract(h, candidate, t);
                TensorPrimitives.FusedMultiplyAdd(z, t, candidate, h);
                break;
            }

            case CellKind.RnnTanh:
                _weightHh.MultiplyAdd(h, pre, pre, quantized);
                TensorPrimitives.Tanh(pre[..n], h);
                break;

            default:
                _weightHh.MultiplyAdd(h, pre, pre, quantized);
                TensorPrimitives.Max(pre[..n], 0f, h);
                break;
        }
    }

    /// <summary>The float scratch <see cref="Recur"/> needs.</summary>
    public int WorkLength => Math.Max(GateRows, HiddenSize);
}
