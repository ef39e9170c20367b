using EdgeRnn.Runtime.Kernels;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime;

public sealed partial class RnnSequenceDecoder
{
    /// <summary>Per encoder step, the key W_a E[s] (General) or W_k E[s] (Additive), KeyStride apart.</summary>
    private readonly float[] _keys;
    private readonly float[] _scores;

    /// <summary>[context; d], 2H.</summary>
    private readonly float[] _joined;
    private readonly float[] _combined;
    private readonly float[] _query;

    /// <summary>Additive: W_k E[s] + W_q d, A values.</summary>
    private readonly float[] _sum;

    /// <summary>The keys of every encoder step, once per run: they do not depend on the decoder step.</summary>
    private void PrepareKeys(int steps)
    {
        var matrix = _decoder.General ?? _decoder.Memory;
        if (matrix is null)
        {
            return;
        }

        int hidden = _decoder.HiddenSize;
        int stride = _decoder.KeyStride;
        for (int s = 0; s < steps; s++)
        {
            matrix.MultiplyAdd(_memory.AsSpan(s * hidden, hidden), _decoder.Zeros, _keys.AsSpan(s * stride, stride), _quantized);
        }
    }

    /// <summary>z = tanh(W_c [Σ_s a[s] E[s]; d]) with a = softmax over the encoder steps of the kind's score.</summary>
    private ReadOnlySpan<float> Attend(ReadOnlySpan<float> d, int steps)
    {
        int hidden = _decoder.HiddenSize;
        var scores = _scores.AsSpan(0, steps);
        switch (_decoder.Attention)
        {
            case AttentionKind.Dot:
                for (int s = 0; s < steps; s++)
                {
                    scores[s] = SpanAlgebra.Dot(_memory.AsSpan(s * hidden, hidden), d);
                }

                break;

            case AttentionKind.General:
                for (int s = 0; s < steps; s++)
                {
                    scores[s] = SpanAlgebra.Dot(_keys.AsSpan(s * _decoder.KeyStride, hidden), d);
                }

                break;

            default:
                AdditiveScores(d, scores);
                break;
        }

        Softmax(scores);
        var context = _joined.AsSpan(0, hidden);
        context.Clear();
        for (int s = 0; s < steps; s++)
        {
            SpanAlgebra.MultiplyAdd(_memory.AsSpan(s * hidden, hidden), scores[s], context);
        }

        d[..hidden].CopyTo(_joined.AsSpan(hidden, hidden));
        _decoder.Combine!.MultiplyAdd(_joined, _decoder.Zeros, _combined, _quantized);
        CellEpilogues.Tanh(_combined, _combined.AsSpan(0, hidden));
        return _combined.AsSpan(0, hidden);
    }

    /// <summary>score[s] = v · tanh(W_k E[s] + W_q d).</summary>
    private void AdditiveScores(ReadOnlySpan<float> d, Span<float> scores)
    {
        int width = _decoder.AttentionSize;
        _decoder.Query!.MultiplyAdd(d, _decoder.Zeros, _query, _quantized);
        var query = _query.AsSpan(0, width);
        var sum = _sum.AsSpan();
        ReadOnlySpan<float> v = _decoder.Score;
        for (int s = 0; s < scores.Length; s++)
        {
            _keys.AsSpan(s * _decoder.KeyStride, width).CopyTo(sum);
            SpanAlgebra.MultiplyAdd(query, 1f, sum);
            CellEpilogues.Tanh(sum, sum);
            scores[s] = SpanAlgebra.Dot(v, sum);
        }
    }

    /// <summary>a = exp(x − max x) / Σ exp(x − max x), in place.</summary>
    private static void Softmax(Span<float> scores)
    {
        float max = float.NegativeInfinity;
        foreach (float x in scores)
        {
            max = Math.Max(max, x);
        }

        float total = 0;
        for (int s = 0; s < scores.Length; s++)
        {
            float e = MathF.Exp(scores[s] - max);
            scores[s] = e;
            total += e;
        }

        float inverse = 1f / total;
        for (int s = 0; s < scores.Length; s++)
        {
            scores[s] *= inverse;
        }
    }
}
