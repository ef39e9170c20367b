using EdgeRnn.Training.Training.Engine.Sequence2Sequence;

namespace EdgeRnn.Training.Training.Sequence2Sequence;

/// <summary>Copies the windows of one batch into reused buffers, draws its teacher mask and wraps them as a <see cref="Seq2SeqBatch{T}"/>.</summary>
internal sealed class Seq2SeqBatchAssembler
{
    private readonly Seq2SeqWindowSet _windows;
    private readonly float[] _inputs;
    private readonly float[] _starts;
    private readonly float[] _targets;
    private readonly bool[] _teacher;

    public Seq2SeqBatchAssembler(Seq2SeqWindowSet windows, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(windows);
        _windows = windows;
        _inputs = new float[batchSize * windows.Steps * windows.InputSize];
        _starts = new float[batchSize * windows.OutputSize];
        _targets = new float[batchSize * windows.Horizon * windows.OutputSize];
        _teacher = new bool[batchSize * windows.Horizon];
    }

    /// <summary>The batch of <paramref name="indices"/>; its mask feeds the truth with chance <paramref name="probability"/> (0: free-running).</summary>
    public Seq2SeqBatch<float> Assemble(ReadOnlySpan<int> indices, double probability, ulong seed, int epoch, int batch)
    {
        int count = indices.Length;
        var w = _windows;
        int inputLength = w.Steps * w.InputSize;
        int targetLength = w.Horizon * w.OutputSize;
        for (int i = 0; i < count; i++)
        {
            int index = indices[i];
            w.Inputs.AsSpan(index * inputLength, inputLength).CopyTo(_inputs.AsSpan(i * inputLength));
            w.Starts.AsSpan(index * w.OutputSize, w.OutputSize).CopyTo(_starts.AsSpan(i * w.OutputSize));
            w.Targets.AsSpan(index * targetLength, targetLength).CopyTo(_targets.AsSpan(i * targetLength));
        }

        bool free = probability <= 0;
        if (!free)
        {
            TeacherForcing.Draw(_teacher.AsSpan(0, count * w.Horizon), probability, seed, epoch, batch);
        }

        return new Seq2SeqBatch<float>
        {
            Count = count,
            Steps = w.Steps,
            Inputs = _inputs.AsMemory(0, count * inputLength),
            Starts = _starts.AsMemory(0, count * w.OutputSize),
            Targets = _targets.AsMemory(0, count * targetLength),
            Teacher = free ? default : _teacher.AsMemory(0, count * w.Horizon),
        };
    }
}
