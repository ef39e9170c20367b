using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Training.Engine.Sequence2Sequence;

internal sealed partial class Seq2SeqWorker<T>
{
    /// <summary>
    /// The decoder from the encoder's final states, one step at a time through every layer: y_in[0] is the window's start
    /// vector; after step k, y_in[k + 1] is the true row k where the teacher mask says so, else the output y[k].
    /// </summary>
    private void ForwardDecoder(Seq2SeqNetwork<T> network, Seq2SeqBatch<T> batch, int row0)
    {
        int block = _rows * H;
        for (int l = 0; l < _shape.Layers; l++)
        {
            EncoderFinalHidden(l).CopyTo(_decoderHidden[l]);
            var c0 = _decoderCells[l].CellState(0, 0);
            if (!c0.IsEmpty)
            {
                _encoderCells[l].CellState(0, _steps).CopyTo(c0);
            }
        }

        batch.Starts.Span.Slice(row0 * O, _rows * O).CopyTo(_decoderInput);
        var targets = batch.Targets.Span;
        var teacher = batch.Teacher.Span;
        var headBias = network.Tensor(network.Layout.HeadBias);
        for (int k = 0; k < N; k++)
        {
            ReadOnlySpan<T> input = _decoderInput.AsSpan(k * _rows * O, _rows * O);
            for (int l = 0; l < _shape.Layers; l++)
            {
                _decoderCells[l].ForwardStep(network.Decoder(l), 0, k, input, _decoderHidden[l]);
                input = _decoderHidden[l].AsSpan((k + 1) * block, block);
            }

            var headInput = AttendForward(network, k);
            var y = _y.AsSpan(k * _rows * O, _rows * O);
            MatrixKernels.FillRows(y, headBias, _rows);
            MatrixKernels.Multiply(headInput, H, 1, network.HeadT, y, _rows, H, O, accumulate: true);
            if (k + 1 == N)
            {
                break;
            }

            var next = _decoderInput.AsSpan((k + 1) * _rows * O, _rows * O);
            for (int b = 0; b < _rows; b++)
            {
                int window = row0 + b;
                var source = !teacher.IsEmpty && teacher[(window * N) + k] ? targets.Slice(((window * N) + k) * O, O) : y.Slice(b * O, O);
                source.CopyTo(next.Slice(b * O, O));
            }
        }
    }

    /// <summary>
    /// Back through the decoder's steps from the last: each output's gradient is its own error's plus, where it was fed
    /// back, the gradient of the next step's input; then the head, the attention and every layer at that step. Leaves the
    /// decoder cells carrying the gradient of their initial states (the encoder's final states) and adds the decoder's,
    /// the attention's and the head's weight gradients.
    /// </summary>
    private void BackwardDecoder(Seq2SeqNetwork<T> network, Seq2SeqBatch<T> batch, int row0, T[] gradient)
    {
        var layout = network.Layout;
        var teacher = batch.Teacher.Span;
        var fedBack = _fedBackGrad.AsSpan(0, _rows * O);
        var headWeight = network.Tensor(layout.HeadWeight);
        var dz = _headGrad.AsSpan(0, _rows * H);
        BeginAttentionBackward();
        for (int l = 0; l < _shape.Layers; l++)
        {
            _decoderCells[l].BeginBackward([], []);
        }

        for (int k = N - 1; k >= 0; k--)
        {
            var dy = _dy.AsSpan(k * _rows * O, _rows * O);
            if (k + 1 < N)
            {
                for (int b = 0; b < _rows; b++)
                {
                    if (teacher.IsEmpty || !teacher[((row0 + b) * N) + k])
                    {
                        var row = dy.Slice(b * O, O);
                        System.Numerics.Tensors.TensorPrimitives.Add(row, fedBack.Slice(b * O, O), row);
                    }
                }
            }

            MatrixKernels.Multiply(dy, O, 1, headWeight, dz, _rows, O, H, accumulate: false);
            ReadOnlySpan<T> outGrad = AttendBackward(network, k, dz, gradient);
            bool first = true;
            for (int l = _shape.Layers - 1; l >= 0; l--)
            {
                var cell = _decoderCells[l];
                cell.BackwardStep(network.Decoder(l), 0, k, outGrad, _decoderHidden[l]);
                int inputs = _shape.Decoder.LayerInputSize(l);
                int gh = _shape.Decoder.GateWidth;
                var below = l == 0 ? fedBack : (first ? _belowA : _belowB).AsSpan(0, _rows * inputs);
                MatrixKernels.Multiply(cell.InputGateGradient.Slice(k * _rows * gh, _rows * gh), gh, 1, network.Tensor(layout.Recurrent(true, l, 0)), below, _rows, gh, inputs, accumulate: false);
                outGrad = below;
                first = !first;
            }
        }

        int block = _rows * H;
        for (int l = 0; l < _shape.Layers; l++)
        {
            ReadOnlySpan<T> input = l == 0 ? _decoderInput.AsSpan(0, N * _rows * O) : _decoderHidden[l - 1].AsSpan(block, N * block);
            _decoderCells[l].AddWeightGradients(
                input, _decoderHidden[l], _shape.Decoder.LayerInputSize(l),
                layout.Recurrent(true, l, 0).Of(gradient), layout.Recurrent(true, l, 1).Of(gradient), layout.Recurrent(true, l, 2).Of(gradient), layout.Recurrent(true, l, 3).Of(gradient));
        }

        int stepRows = N * _rows;
        var dyAll = _dy.AsSpan(0, stepRows * O);
        MatrixKernels.Multiply(dyAll, 1, O, HeadInputs, layout.HeadWeight.Of(gradient), O, stepRows, H, accumulate: true);
        Cells.CellGradient<T>.AddColumnSums(dyAll, layout.HeadBias.Of(gradient), stepRows, O);
        AddAttentionWeightGradients(network, gradient);
    }

    /// <summary>The decoder's top-layer h after every step, [horizon, rows, H].</summary>
    private ReadOnlySpan<T> DecoderOutputs => _decoderHidden[^1].AsSpan(_rows * H, N * _rows * H);

    /// <summary>What the head read at every step: z with attention, the decoder's h without, [horizon, rows, H].</summary>
    private ReadOnlySpan<T> HeadInputs => _shape.Attention == AttentionKind.None ? DecoderOutputs : _z.AsSpan(0, N * _rows * H);
}
