using System.Runtime.InteropServices;
using EdgeRnn.Runtime.Kernels;

namespace EdgeRnn.Runtime.Cells;

/// <summary>
/// One stream's int8 quantization of a layer's h, kept with a copy of the h it came from: h is quantized after the layer's
/// step as the next layer's or the head's input and, unchanged, again as the layer's own W_hh input at the next step; the
/// second request finds the same h and takes the kept values and scale instead. h is compared bit for bit, so whatever
/// else writes h (Reset, a sequence, a restored state) makes the next request quantize anew: exact by construction.
/// </summary>
internal sealed class QuantizedHidden
{
    private readonly float[] _source;
    private readonly sbyte[] _values;
    private float _scale;

    /// <param name="hidden">H, the length of h.</param>
    /// <param name="padded">The quantized length (at least every consumer's padded columns; the padding stays zero).</param>
    public QuantizedHidden(int hidden, int padded)
    {
        // All zero: the quantization of an all-zero h (scale 0), so the first request of a zero h is already answered.
        _source = new float[hidden];
        _values = new sbyte[Math.Max(padded, hidden)];
    }

    /// <summary>The quantization of <paramref name="h"/> (<see cref="Int8Quantizer.Quantize"/>), computed only when h differs from the last one.</summary>
    public ReadOnlySpan<sbyte> Of(ReadOnlySpan<float> h, out float scale)
    {
        if (!MemoryMarshal.AsBytes(h).SequenceEqual(MemoryMarshal.AsBytes(_source.AsSpan())))
        {
            _scale = Int8Quantizer.Quantize(h, _values);
            h.CopyTo(_source);
        }

        scale = _scale;
        return _values;
    }
}
