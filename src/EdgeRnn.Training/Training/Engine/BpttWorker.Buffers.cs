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
        _input = new T[stepRows * _shape.InputSize];
        _outGradA = new T[stepRows * H];
        _outGradB = new T[stepRows * H];
        _output = new T[stepRows * _shape.OutputSize];
        _outputGrad = new T[stepRows * _shape.OutputSize];
        foreach (var layer in _layers)
        {
            layer.Hidden = new T[(stepRows + rows) * H];
            layer.Mask = new T[stepRows * H];
            layer.Dropped = new T[stepRows * H];
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

        public bool HasDropout { get; set; }

        public Span<T> Outputs(int rows, int steps, int hidden) => Hidden.AsSpan(rows * hidden, steps * rows * hidden);
    }
}
