namespace EdgeRnn.Training.Training.Engine;

internal sealed partial class BpttWorker<T>
{
    /// <summary>y = W_head h + b_head on the last layer's h at every step, or only after the last step.</summary>
    private void ForwardHead(SequenceNetwork<T> network)
    {
        int outputs = _shape.OutputSize;
        int rows = LastStepOnly ? _rows : _steps * _rows;
        var y = _output.AsSpan(0, rows * outputs);
        MatrixKernels.FillRows(y, network.Tensor(network.Layout.HeadBias), rows);
        MatrixKernels.Multiply(HeadInput(), W, 1, network.HeadWeightT, y, rows, W, outputs, accumulate: true);
    }

    /// <summary>Adds the head's gradient and writes d(loss)/dh of the last layer at every step into <paramref name="outGrad"/>.</summary>
    private void BackwardHead(SequenceNetwork<T> network, T[] gradient, T[] outGrad)
    {
        var layout = network.Layout;
        int outputs = _shape.OutputSize;
        int rows = LastStepOnly ? _rows : _steps * _rows;
        var dy = _outputGrad.AsSpan(0, rows * outputs);
        MatrixKernels.Multiply(dy, 1, outputs, HeadInput(), layout.HeadWeight.Of(gradient), outputs, rows, W, accumulate: true);
        Cells.CellGradient<T>.AddColumnSums(dy, layout.HeadBias.Of(gradient), rows, outputs);
        var dh = outGrad.AsSpan(0, _steps * _rows * W);
        if (LastStepOnly)
        {
            dh.Clear();
            dh = dh[((_steps - 1) * _rows * W)..];
        }

        MatrixKernels.Multiply(dy, outputs, 1, network.Tensor(layout.HeadWeight), dh, rows, outputs, W, accumulate: false);
    }

    private ReadOnlySpan<T> HeadInput()
    {
        var top = _layers[^1];
        if (_shape.Bidirectional)
        {
            var outputs = top.Outputs(_rows, _steps, H);
            return LastStepOnly ? outputs.Slice((_steps - 1) * _rows * W, _rows * W) : outputs;
        }

        return LastStepOnly ? top.Hidden.AsSpan(_steps * _rows * H, _rows * H) : top.Outputs(_rows, _steps, H);
    }

    /// <summary>The chunk's loss terms divided by <paramref name="lossTerms"/>; leaves d(loss)/dy in the output gradient.</summary>
    private double Loss(SequenceBatch<T> batch, int row0, in BpttOptions options, int lossTerms)
    {
        var y = Outputs;
        var dy = _outputGrad.AsSpan(0, y.Length);
        double scale = lossTerms > 0 ? 1.0 / lossTerms : 0;
        double sum = options.Loss switch
        {
            LossKind.MeanSquaredError => LossFunctions.SquaredError(y, dy, batch, row0, _rows, options.BurnInSteps, _shape.OutputSize, scale),
            _ => LossFunctions.CrossEntropy(y, dy, batch, row0, _rows, options, _shape.OutputSize, scale),
        };
        return sum * scale;
    }
}
