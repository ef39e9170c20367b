namespace EdgeRnn.Training.Training.Engine.Sequence2Sequence;

internal sealed partial class Seq2SeqWorker<T>
{
    private T[] _input = [];
    private T[] _decoderInput = [];
    private T[] _y = [];
    private T[] _dy = [];
    private T[] _encoderGradA = [];
    private T[] _encoderGradB = [];
    private T[] _belowA = [];
    private T[] _belowB = [];
    private T[] _fedBackGrad = [];
    private T[] _headGrad = [];

    // Attention: per decoder step k and window b (step-major, [N, rows, ...]).
    private T[] _weights = [];
    private T[] _concat = [];
    private T[] _z = [];
    private T[] _query = [];
    private T[] _tanh = [];
    private T[] _keys = [];
    private T[] _combineGrad = [];
    private T[] _concatGrad = [];
    private T[] _queryGrad = [];
    private T[] _memoryGrad = [];
    private T[] _keysGrad = [];
    private T[] _scoreGrad = [];
    private T[] _weightGrad = [];
    private T[] _additiveGrad = [];
    private T[] _decoderGrad = [];

    /// <summary>Grows every buffer to <paramref name="rows"/> windows of <paramref name="steps"/> encoder steps.</summary>
    private void Allocate(int rows, int steps)
    {
        int h = H, o = O, n = N, a = _shape.AttentionSize, f = _shape.InputSize;
        int width = Math.Max(h, Math.Max(o, f));
        _input = new T[steps * rows * f];
        for (int l = 0; l < _shape.Layers; l++)
        {
            _encoderHidden[l] = new T[(steps + 1) * rows * h];
            _decoderHidden[l] = new T[(n + 1) * rows * h];
            _encoderCells[l].Allocate(rows, steps * rows);
            _decoderCells[l].Allocate(rows, n * rows);
        }

        _decoderInput = new T[n * rows * o];
        _y = new T[n * rows * o];
        _dy = new T[n * rows * o];
        _encoderGradA = new T[steps * rows * width];
        _encoderGradB = new T[steps * rows * width];
        _belowA = new T[rows * width];
        _belowB = new T[rows * width];
        _fedBackGrad = new T[rows * o];
        _headGrad = new T[rows * h];
        if (_shape.Attention == Runtime.Model.AttentionKind.None)
        {
            return;
        }

        int queryWidth = Math.Max(h, a);
        _weights = new T[n * rows * steps];
        _concat = new T[n * rows * 2 * h];
        _z = new T[n * rows * h];
        _query = new T[n * rows * queryWidth];
        _tanh = new T[n * rows * steps * a];
        _keys = new T[steps * rows * a];
        _combineGrad = new T[n * rows * h];
        _concatGrad = new T[rows * 2 * h];
        _queryGrad = new T[n * rows * queryWidth];
        _memoryGrad = new T[steps * rows * h];
        _keysGrad = new T[steps * rows * a];
        _scoreGrad = new T[steps];
        _weightGrad = new T[steps];
        _additiveGrad = new T[a];
        _decoderGrad = new T[rows * h];
    }
}
