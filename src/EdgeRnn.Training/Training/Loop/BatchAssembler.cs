using EdgeRnn.Training.Training.Engine;

namespace EdgeRnn.Training.Training.Loop;

/// <summary>Copies the windows of one batch into reused buffers and wraps them as a <see cref="SequenceBatch{T}"/>.</summary>
internal sealed class BatchAssembler
{
    private readonly WindowSet _windows;
    private readonly float[] _inputs;
    private readonly float[] _targets;
    private readonly int[] _labels;
    private readonly int _labelsPerWindow;

    public BatchAssembler(WindowSet windows, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(windows);
        _windows = windows;
        _inputs = new float[batchSize * windows.Steps * windows.InputSize];
        _targets = windows.Targets is null ? [] : new float[batchSize * windows.Steps * windows.OutputSize];
        _labelsPerWindow = windows.Labels is null ? 0 : windows.Labels.Length / Math.Max(1, windows.Count);
        _labels = new int[batchSize * _labelsPerWindow];
    }

    public SequenceBatch<float> Assemble(ReadOnlySpan<int> windowIndices, RecurrentStates<float>? initialStates = null)
    {
        int count = windowIndices.Length;
        int inputLength = _windows.Steps * _windows.InputSize;
        int targetLength = _windows.Steps * _windows.OutputSize;
        for (int i = 0; i < count; i++)
        {
            int w = windowIndices[i];
            _windows.Inputs.AsSpan(w * inputLength, inputLength).CopyTo(_inputs.AsSpan(i * inputLength));
            if (_windows.Targets is not null)
            {
                _windows.Targets.AsSpan(w * targetLength, targetLength).CopyTo(_targets.AsSpan(i * targetLength));
            }

            if (_windows.Labels is not null)
            {
                _windows.Labels.AsSpan(w * _labelsPerWindow, _labelsPerWindow).CopyTo(_labels.AsSpan(i * _labelsPerWindow));
            }
        }

        return new SequenceBatch<float>
        {
            Count = count,
            Steps = _windows.Steps,
            Inputs = _inputs.AsMemory(0, count * inputLength),
            Targets = _windows.Targets is null ? default : _targets.AsMemory(0, count * targetLength),
            Labels = _windows.Labels is null ? default : _labels.AsMemory(0, count * _labelsPerWindow),
            InitialStates = initialStates,
        };
    }
}
