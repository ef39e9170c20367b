namespace EdgeRnn.Runtime;

public sealed partial class RnnState
{
    /// <summary>Steps per chunk of a sequence call: input projections are computed a chunk at a time, layer by layer.</summary>
    internal const int SequenceChunk = 16;

    private SequenceBuffers? _sequence;

    /// <summary>
    /// Runs many steps at once, with the input projections of a chunk of steps computed together, layer by layer. Gives
    /// the same numbers as <see cref="Step"/> called once per step. The first call allocates the chunk buffers; later calls
    /// allocate nothing.
    /// </summary>
    /// <param name="inputs">steps × <see cref="RnnModel.InputSize"/> raw samples, row-major.</param>
    /// <param name="outputs">Receives steps × <see cref="RnnModel.OutputSize"/> outputs, row-major.</param>
    /// <exception cref="ArgumentException">The spans are not whole rows or hold different step counts.</exception>
    public void StepSequence(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int inputSize = Model.InputSize;
        int outputSize = Model.OutputSize;
        if (inputs.Length % inputSize != 0)
        {
            ThrowHelper.ThrowMultipleLength(nameof(inputs), inputSize, inputs.Length);
        }

        int steps = inputs.Length / inputSize;
        if (outputs.Length != steps * outputSize)
        {
            ThrowHelper.ThrowLength(nameof(outputs), steps * outputSize, outputs.Length);
        }

        var buffers = _sequence ??= new SequenceBuffers(Model);
        var layers = Model.Layers;
        for (int t0 = 0; t0 < steps; t0 += SequenceChunk)
        {
            int count = Math.Min(SequenceChunk, steps - t0);
            for (int t = 0; t < count; t++)
            {
                var sample = inputs.Slice((t0 + t) * inputSize, inputSize);
                if (Model.Embedding is { } table)
                {
                    Normalize(sample, _normalized);
                    table.Project(_normalized, buffers.Layer(0, t, table.EmbeddingSize), _embeddingScratch);
                }
                else
                {
                    Normalize(sample, buffers.Layer(0, t, inputSize));
                }
            }

            for (int k = 0; k < layers.Length; k++)
            {
                var layer = layers[k];
                int width = layer.InputSize;
                for (int t = 0; t < count; t++)
                {
                    layer.ProjectInput(buffers.Layer(k, t, width), buffers.Pre(t, layer.GateRows), _quantized);
                }

                for (int t = 0; t < count; t++)
                {
                    _descending = !_descending;
                    StepLayerProjected(k, buffers.Pre(t, layer.GateRows));
                    _hidden[k].CopyTo(buffers.Layer(k + 1, t, layer.HiddenSize));
                }
            }

            int last = layers.Length;
            for (int t = 0; t < count; t++)
            {
                Model.Head.Apply(buffers.Layer(last, t, layers[^1].HiddenSize), _headOut, outputs.Slice((t0 + t) * outputSize, outputSize), _quantized);
            }
        }
    }

    /// <summary>Per chunk: the projected gates of each step, and each layer's input per step (ping-pong between two planes).</summary>
    private sealed class SequenceBuffers
    {
        private readonly float[] _pre;
        private readonly float[][] _planes;
        private readonly int _gateStride;
        private readonly int _planeStride;

        public SequenceBuffers(RnnModel model)
        {
            _gateStride = model.Layers.Max(l => l.GateRows);
            _planeStride = Math.Max(model.InputSize, model.Layers.Max(l => Math.Max(l.InputSize, l.HiddenSize)));
            _pre = new float[SequenceChunk * _gateStride];
            _planes = [new float[SequenceChunk * _planeStride], new float[SequenceChunk * _planeStride]];
        }

        public Span<float> Pre(int t, int length) => _pre.AsSpan(t * _gateStride, length);

        /// <summary>The input of layer k at step t (layer k−1's output; k = 0 is the normalised sample or its embedding).</summary>
        public Span<float> Layer(int k, int t, int length) => _planes[k & 1].AsSpan(t * _planeStride, length);
    }
}
