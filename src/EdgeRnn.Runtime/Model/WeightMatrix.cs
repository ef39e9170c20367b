namespace EdgeRnn.Runtime.Model;

/// <summary>
/// An immutable dense matrix in row-major order, stored either as float32 values or as int8 values with one
/// float32 scale per row (symmetric per-row quantization: value ≈ q[r, c] · scale[r]).
/// </summary>
public sealed class WeightMatrix
{
    private readonly float[]? _values;
    private readonly sbyte[]? _quantized;
    private readonly float[]? _rowScales;

    private WeightMatrix(int rows, int cols, float[]? values, sbyte[]? quantized, float[]? rowScales)
    {
        Rows = rows;
        Cols = cols;
        _values = values;
        _quantized = quantized;
        _rowScales = rowScales;
    }

    /// <summary>The number of rows (outputs).</summary>
    public int Rows { get; }

    /// <summary>The number of columns (inputs).</summary>
    public int Cols { get; }

    /// <summary>Whether the matrix holds int8 values with per-row scales rather than float32 values.</summary>
    public bool IsQuantized => _quantized is not null;

    /// <summary>The float32 values, row-major, <see cref="Rows"/> × <see cref="Cols"/>; empty when <see cref="IsQuantized"/>.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>The int8 values, row-major; empty unless <see cref="IsQuantized"/>.</summary>
    public ReadOnlySpan<sbyte> Quantized => _quantized;

    /// <summary>One scale per row; empty unless <see cref="IsQuantized"/>.</summary>
    public ReadOnlySpan<float> RowScales => _rowScales;

    /// <summary>Creates a float32 matrix. The array is copied.</summary>
    /// <param name="rows">Rows, ≥ 0.</param>
    /// <param name="cols">Columns, ≥ 0.</param>
    /// <param name="values">rows · cols finite values, row-major.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentException">The length does not match or a value is not finite.</exception>
    public static WeightMatrix FromFloat(int rows, int cols, ReadOnlySpan<float> values)
    {
        CheckShape(rows, cols, values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new ArgumentException($"Expected finite weights; found {values[i]} at row {i / cols}, column {i % cols}.", nameof(values));
            }
        }

        return new WeightMatrix(rows, cols, values.ToArray(), null, null);
    }

    /// <summary>Creates an int8 matrix with per-row scales. The arrays are copied.</summary>
    /// <param name="rows">Rows, ≥ 0.</param>
    /// <param name="cols">Columns, ≥ 0.</param>
    /// <param name="quantized">rows · cols values in [-127, 127], row-major.</param>
    /// <param name="rowScales">rows finite, non-negative scales.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentException">A length does not match, a value is -128, or a scale is negative or not finite.</exception>
    public static WeightMatrix FromInt8(int rows, int cols, ReadOnlySpan<sbyte> quantized, ReadOnlySpan<float> rowScales)
    {
        CheckShape(rows, cols, quantized.Length);
        if (rowScales.Length != rows)
        {
            throw new ArgumentException($"Expected {rows} row scales; found {rowScales.Length}.", nameof(rowScales));
        }

        for (int r = 0; r < rows; r++)
        {
            if (!float.IsFinite(rowScales[r]) || rowScales[r] < 0)
            {
                throw new ArgumentException($"Expected a finite, non-negative scale; found {rowScales[r]} for row {r}.", nameof(rowScales));
            }
        }

        int bad = quantized.IndexOf(sbyte.MinValue);
        if (bad >= 0)
        {
            throw new ArgumentException($"Expected int8 weights in [-127, 127]; found -128 at row {bad / cols}, column {bad % cols}.", nameof(quantized));
        }

        return new WeightMatrix(rows, cols, null, quantized.ToArray(), rowScales.ToArray());
    }

    /// <summary>The value at (row, col) as float32, dequantized if needed.</summary>
    /// <param name="row">Row index.</param>
    /// <param name="col">Column index.</param>
    /// <returns>The value.</returns>
    public float this[int row, int col]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
            ArgumentOutOfRangeException.ThrowIfNegative(col);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(col, Cols);
            return _values is not null ? _values[(row * Cols) + col] : _quantized![(row * Cols) + col] * _rowScales![row];
        }
    }

    /// <summary>All values as float32, row-major (dequantized when <see cref="IsQuantized"/>).</summary>
    /// <returns>A new array of <see cref="Rows"/> · <see cref="Cols"/> values.</returns>
    public float[] ToFloatArray()
    {
        if (_values is not null)
        {
            return (float[])_values.Clone();
        }

        var result = new float[Rows * Cols];
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Cols; c++)
            {
                result[(r * Cols) + c] = _quantized![(r * Cols) + c] * _rowScales![r];
            }
        }

        return result;
    }

    private static void CheckShape(int rows, int cols, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        if ((long)rows * cols != length)
        {
            throw new ArgumentException($"Expected {rows} × {cols} = {(long)rows * cols} values; found {length}.");
        }
    }
}
