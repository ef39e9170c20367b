namespace EdgeRnn.Runtime;

/// <summary>
/// N independent streams of one model stepped together (many sensors on one board): layer by layer across the streams, so
/// each layer's weights are read while they are hot in cache. Gives the same numbers as N separate <see cref="RnnState.Step"/>
/// calls. Allocates nothing per step. Not thread-safe.
/// </summary>
public sealed class RnnBatch
{
    private readonly RnnState[] _streams;

    internal RnnBatch(RnnModel model, int streams)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(streams, 1);
        Model = model;
        _streams = new RnnState[streams];
        for (int s = 0; s < streams; s++)
        {
            _streams[s] = new RnnState(model);
        }
    }

    /// <summary>The model.</summary>
    public RnnModel Model { get; }

    /// <summary>The number of streams.</summary>
    public int Streams => _streams.Length;

    /// <summary>The state of one stream (to read, reset, save or restore it on its own).</summary>
    /// <param name="stream">Stream index, 0-based.</param>
    /// <returns>The live state.</returns>
    public RnnState this[int stream] => _streams[stream];

    /// <summary>Steps every stream once.</summary>
    /// <param name="inputs"><see cref="Streams"/> × <see cref="RnnModel.InputSize"/> raw samples, stream-major.</param>
    /// <param name="outputs">Receives <see cref="Streams"/> × <see cref="RnnModel.OutputSize"/> outputs, stream-major.</param>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Step(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int inputSize = Model.InputSize;
        int outputSize = Model.OutputSize;
        if (inputs.Length != _streams.Length * inputSize)
        {
            ThrowHelper.ThrowLength(nameof(inputs), _streams.Length * inputSize, inputs.Length);
        }

        if (outputs.Length != _streams.Length * outputSize)
        {
            ThrowHelper.ThrowLength(nameof(outputs), _streams.Length * outputSize, outputs.Length);
        }

        var streams = _streams;
        for (int s = 0; s < streams.Length; s++)
        {
            var state = streams[s];
            state.Normalize(inputs.Slice(s * inputSize, inputSize), state.NormalizedInputBuffer);
        }

        for (int k = 0; k < Model.Layers.Length; k++)
        {
            for (int s = 0; s < streams.Length; s++)
            {
                var state = streams[s];
                state.StepLayer(k, k == 0 ? state.NormalizedInput : state.Hidden(k - 1));
            }
        }

        for (int s = 0; s < streams.Length; s++)
        {
            streams[s].ApplyHead(outputs.Slice(s * outputSize, outputSize));
        }
    }

    /// <summary>Resets every stream.</summary>
    public void Reset()
    {
        foreach (var state in _streams)
        {
            state.Reset();
        }
    }
}
