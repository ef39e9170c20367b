using System.Numerics;

namespace EdgeRnn.Training.Training.Engine;

internal sealed partial class BpttWorker<T>
{
    private void EnsureCapacity(int rows, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        _rows = rows;
        _steps = steps;
        _cell.SetChunk(rows, steps);
        int stepRows = rows * steps;
        if (stepRows <= _capacity && rows <= _capacityRows)
        {
            return;
        }

        _capacity = Math.Max(stepRows, _capacity);
        _capacityRows = Math.Max(rows, _capacityRows);
        rows = _capacityRows;
        stepRows = _capacity;
        _input = new T[stepRows * _shape.LayerInputSize(0)];
        _tokens = _shape.HasEmbedding ? new int[stepRows] : [];
        int width = _shape.LayerOutputSize;
        int gradWidth = Math.Max(width, _shape.HasEmbedding ? _shape.EmbeddingSize : 0);
        _outGradA = new T[stepRows * gradWidth];
        _outGradB = new T[stepRows * gradWidth];
        _splitGrad = _shape.Bidirectional ? new T[stepRows * H] : [];
        _reverseBelow = _shape.Bidirectional ? new T[stepRows * width] : [];
        _output = new T[stepRows * _shape.OutputSize];
        _outputGrad = new T[stepRows * _shape.OutputSize];
        for (int l = 0; l < _layers.Length; l++)
        {
            var layer = _layers[l];
            layer.Hidden = new T[(stepRows + rows) * H];
            layer.Mask = new T[stepRows * width];
            layer.Dropped = new T[stepRows * width];
            if (_shape.Bidirectional)
            {
                layer.ReverseHidden = new T[(stepRows + rows) * H];
                layer.ReversedInput = new T[stepRows * _shape.LayerInputSize(l)];
                layer.Concat = new T[stepRows * width];
            }
        }

        _cell.Allocate(rows, stepRows);
    }

    /// <summary>What one layer keeps from the forward pass for the backward pass whatever its cell, step-major.</summary>
    private sealed class LayerBuffers
    {
        /// <summary>h for steps 0..T: [T + 1, rows, H], step 0 the initial state.</summary>
        public T[] Hidden { get; set; } = [];

        /// <summary>Inverted-dropout multipliers (0 or 1 / (1 − p)) on this layer's outputs, [T, rows, H].</summary>
        public T[] Mask { get; set; } = [];

        /// <summary>This layer's outputs after dropout, [T, rows, H].</summary>
        public T[] Dropped { get; set; } = [];

        /// <summary>Bidirectional: the reverse unit's h for its steps 0..T (its step s is the window's step T − s), [T + 1, rows, H].</summary>
        public T[] ReverseHidden { get; set; } = [];

        /// <summary>Bidirectional: the layer's input in reverse step order, [T, rows, in].</summary>
        public T[] ReversedInput { get; set; } = [];

        /// <summary>Bidirectional: the layer's outputs [h_forward, h_reverse] per step, [T, rows, 2H].</summary>
        public T[] Concat { get; set; } = [];

        public bool HasDropout { get; set; }

        /// <summary>The layer's outputs over all steps, [T, rows, H], or [T, rows, 2H] when bidirectional.</summary>
        public Span<T> Outputs(int rows, int steps, int hidden) =>
            Concat.Length > 0 ? Concat.AsSpan(0, steps * rows * 2 * hidden) : Hidden.AsSpan(rows * hidden, steps * rows * hidden);
    }
}
