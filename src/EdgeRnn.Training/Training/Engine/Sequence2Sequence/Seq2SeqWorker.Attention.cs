using EdgeRnn.Runtime.Model;
using System.Numerics.Tensors;

namespace EdgeRnn.Training.Training.Engine.Sequence2Sequence;

internal sealed partial class Seq2SeqWorker<T>
{
    /// <summary>
    /// Decoder step <paramref name="k"/>'s attention over the memory E (the encoder's top-layer h of every step) for every
    /// window: score[s] (dot d·E[s]; general q·E[s] with q = d W_a; additive v·tanh(K[s] + q) with K = E W_kᵀ,
    /// q = W_q d), a = softmax(score), context = Σ a[s] E[s], z = tanh(W_c [context; d]). Returns what the head reads:
    /// z, or d itself without attention.
    /// </summary>
    private ReadOnlySpan<T> AttendForward(Seq2SeqNetwork<T> network, int k)
    {
        int block = _rows * H;
        var d = _decoderHidden[^1].AsSpan((k + 1) * block, block);
        var kind = _shape.Attention;
        if (kind == AttentionKind.None)
        {
            return d;
        }

        int a = _shape.AttentionSize;
        int qw = QueryWidth;
        var query = _query.AsSpan(k * _rows * qw, _rows * qw);
        if (kind == AttentionKind.General)
        {
            MatrixKernels.Multiply(d, H, 1, network.Tensor(network.Layout.General), query, _rows, H, H, accumulate: false);
        }
        else if (kind == AttentionKind.Additive)
        {
            MatrixKernels.Multiply(d, H, 1, network.QueryT, query, _rows, H, a, accumulate: false);
        }

        var memory = Memory;
        var v = network.Tensor(network.Layout.Score);
        for (int b = 0; b < _rows; b++)
        {
            var dRow = d.Slice(b * H, H);
            var weights = _weights.AsSpan(((k * _rows) + b) * _steps, _steps);
            for (int s = 0; s < _steps; s++)
            {
                var e = memory.Slice(((s * _rows) + b) * H, H);
                weights[s] = kind switch
                {
                    AttentionKind.Dot => TensorPrimitives.Dot(dRow, e),
                    AttentionKind.General => TensorPrimitives.Dot(query.Slice(b * qw, H), e),
                    _ => AdditiveScore(k, b, s, query.Slice(b * qw, a), v),
                };
            }

            Softmax(weights);
            var concat = _concat.AsSpan(((k * _rows) + b) * 2 * H, 2 * H);
            var context = concat[..H];
            context.Clear();
            for (int s = 0; s < _steps; s++)
            {
                TensorPrimitives.MultiplyAdd(memory.Slice(((s * _rows) + b) * H, H), weights[s], context, context);
            }

            dRow.CopyTo(concat[H..]);
        }

        var z = _z.AsSpan(k * block, block);
        MatrixKernels.Multiply(_concat.AsSpan(k * _rows * 2 * H, _rows * 2 * H), 2 * H, 1, network.CombineT, z, _rows, 2 * H, H, accumulate: false);
        TensorPrimitives.Tanh(z, z);
        return z;
    }

    /// <summary>v · tanh(K[s] + q) for window <paramref name="b"/>, keeping the tanh for the backward pass.</summary>
    private T AdditiveScore(int k, int b, int s, ReadOnlySpan<T> query, ReadOnlySpan<T> v)
    {
        int a = _shape.AttentionSize;
        var u = _tanh.AsSpan(((((k * _rows) + b) * _steps) + s) * a, a);
        TensorPrimitives.Add(_keys.AsSpan(((s * _rows) + b) * a, a), query, u);
        TensorPrimitives.Tanh(u, u);
        return TensorPrimitives.Dot(v, u);
    }

    private void BeginAttentionBackward()
    {
        if (_shape.Attention != AttentionKind.None)
        {
            _memoryGrad.AsSpan(0, _steps * _rows * H).Clear();
            _keysGrad.AsSpan(0, _steps * _rows * _shape.AttentionSize).Clear();
        }
    }

    /// <summary>
    /// Back through step <paramref name="k"/>'s attention from d(loss)/dz (<paramref name="dz"/>): adds into the memory's
    /// gradient (and the keys' for the additive score) and v's; keeps the per-step gradients that the weight products
    /// need; returns d(loss)/dd of the decoder's top h at this step.
    /// </summary>
    private ReadOnlySpan<T> AttendBackward(Seq2SeqNetwork<T> network, int k, ReadOnlySpan<T> dz, T[] gradient)
    {
        var kind = _shape.Attention;
        if (kind == AttentionKind.None)
        {
            return dz;
        }

        int block = _rows * H;
        int a = _shape.AttentionSize;
        int qw = QueryWidth;
        var z = _z.AsSpan(k * block, block);
        var dPre = _combineGrad.AsSpan(k * block, block);
        for (int i = 0; i < block; i++)
        {
            dPre[i] = dz[i] * (T.One - (z[i] * z[i]));
        }

        var dConcat = _concatGrad.AsSpan(0, _rows * 2 * H);
        MatrixKernels.Multiply(dPre, H, 1, network.Tensor(network.Layout.Combine), dConcat, _rows, H, 2 * H, accumulate: false);
        var dd = _decoderGrad.AsSpan(0, block);
        var d = _decoderHidden[^1].AsSpan((k + 1) * block, block);
        var query = _query.AsSpan(k * _rows * qw, _rows * qw);
        var dQuery = _queryGrad.AsSpan(k * _rows * qw, _rows * qw);
        var memory = Memory;
        var dMemory = _memoryGrad.AsSpan(0, _steps * block);
        var v = network.Tensor(network.Layout.Score);
        var dv = network.Layout.Score.Of(gradient);
        var da = _weightGrad.AsSpan(0, _steps);
        var dScore = _scoreGrad.AsSpan(0, _steps);
        for (int b = 0; b < _rows; b++)
        {
            var dContext = dConcat.Slice(b * 2 * H, H);
            dConcat.Slice((b * 2 * H) + H, H).CopyTo(dd.Slice(b * H, H));
            var weights = _weights.AsSpan(((k * _rows) + b) * _steps, _steps);
            for (int s = 0; s < _steps; s++)
            {
                int at = ((s * _rows) + b) * H;
                da[s] = TensorPrimitives.Dot(dContext, memory.Slice(at, H));
                var dE = dMemory.Slice(at, H);
                TensorPrimitives.MultiplyAdd(dContext, weights[s], dE, dE);
            }

            T mean = TensorPrimitives.Dot(weights, da);
            for (int s = 0; s < _steps; s++)
            {
                dScore[s] = weights[s] * (da[s] - mean);
            }

            var ddRow = dd.Slice(b * H, H);
            var dq = dQuery.Slice(b * qw, kind == AttentionKind.Additive ? a : H);
            if (kind != AttentionKind.Dot)
            {
                dq.Clear();
            }

            for (int s = 0; s < _steps; s++)
            {
                int at = ((s * _rows) + b) * H;
                var e = memory.Slice(at, H);
                var dE = dMemory.Slice(at, H);
                switch (kind)
                {
                    case AttentionKind.Dot:
                        TensorPrimitives.MultiplyAdd(e, dScore[s], ddRow, ddRow);
                        TensorPrimitives.MultiplyAdd(d.Slice(b * H, H), dScore[s], dE, dE);
                        break;
                    case AttentionKind.General:
                        TensorPrimitives.MultiplyAdd(e, dScore[s], dq, dq);
                        TensorPrimitives.MultiplyAdd(query.Slice(b * qw, H), dScore[s], dE, dE);
                        break;
                    default:
                        var u = _tanh.AsSpan(((((k * _rows) + b) * _steps) + s) * a, a);
                        var g = _additiveGrad.AsSpan(0, a);
                        for (int j = 0; j < a; j++)
                        {
                            g[j] = dScore[s] * v[j] * (T.One - (u[j] * u[j]));
                        }

                        TensorPrimitives.Add(dq, g, dq);
                        var dKey = _keysGrad.AsSpan(((s * _rows) + b) * a, a);
                        TensorPrimitives.Add(dKey, g, dKey);
                        TensorPrimitives.MultiplyAdd(u, dScore[s], dv, dv);
                        break;
                }
            }
        }

        if (kind == AttentionKind.General)
        {
            MatrixKernels.Multiply(dQuery, qw, 1, network.GeneralT, dd, _rows, H, H, accumulate: true);
        }
        else if (kind == AttentionKind.Additive)
        {
            MatrixKernels.Multiply(dQuery, qw, 1, network.Tensor(network.Layout.Query), dd, _rows, a, H, accumulate: true);
        }

        return dd;
    }

    /// <summary>The attention's weight gradients over every decoder step at once, and the keys' share of the memory's gradient.</summary>
    private void AddAttentionWeightGradients(Seq2SeqNetwork<T> network, T[] gradient)
    {
        var kind = _shape.Attention;
        if (kind == AttentionKind.None)
        {
            return;
        }

        var layout = network.Layout;
        int stepRows = N * _rows;
        int a = _shape.AttentionSize;
        int qw = QueryWidth;
        MatrixKernels.Multiply(_combineGrad.AsSpan(0, stepRows * H), 1, H, _concat.AsSpan(0, stepRows * 2 * H), layout.Combine.Of(gradient), H, stepRows, 2 * H, accumulate: true);
        var dQuery = _queryGrad.AsSpan(0, stepRows * qw);
        if (kind == AttentionKind.General)
        {
            MatrixKernels.Multiply(DecoderOutputs, 1, H, dQuery, layout.General.Of(gradient), H, stepRows, H, accumulate: true);
        }
        else if (kind == AttentionKind.Additive)
        {
            MatrixKernels.Multiply(dQuery, 1, qw, DecoderOutputs, layout.Query.Of(gradient), a, stepRows, H, accumulate: true);
            int memoryRows = _steps * _rows;
            var dKeys = _keysGrad.AsSpan(0, memoryRows * a);
            MatrixKernels.Multiply(dKeys, 1, a, Memory, layout.Memory.Of(gradient), a, memoryRows, H, accumulate: true);
            MatrixKernels.Multiply(dKeys, a, 1, network.Tensor(layout.Memory), _memoryGrad.AsSpan(0, memoryRows * H), memoryRows, a, H, accumulate: true);
        }
    }

    /// <summary>The width of a step's query row: A for additive, H otherwise (the buffer holds the larger).</summary>
    private int QueryWidth => _shape.Attention == AttentionKind.Additive ? _shape.AttentionSize : H;

    /// <summary>softmax in place, after subtracting the largest score.</summary>
    private static void Softmax(Span<T> scores)
    {
        T max = TensorPrimitives.Max<T>(scores);
        T sum = T.Zero;
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = T.Exp(scores[i] - max);
            sum += scores[i];
        }

        TensorPrimitives.Divide(scores, sum, scores);
    }
}
