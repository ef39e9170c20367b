using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime;

/// <summary>
/// A loaded, immutable recurrent model ready to run: its weights packed for the kernels of this machine. One model is
/// shared by any number of streams and threads; each stream keeps its own <c>RnnState</c>.
/// </summary>
public sealed partial class RnnModel
{
    /// <summary>The definition this model was compiled from.</summary>
    public ModelDefinition Definition { get; }

    /// <summary>The number of input channels a step takes.</summary>
    public int InputSize => Definition.InputSize;

    /// <summary>The number of outputs a step writes.</summary>
    public int OutputSize => Definition.OutputSize;

    /// <summary>Whether the model runs int8 weights.</summary>
    public bool IsQuantized => Definition.IsQuantized;

    /// <summary>The CRC-32 of the model's canonical file bytes; states saved from this model carry it.</summary>
    /// <remarks>Computed on first use for a model built from a definition (it serialises the model once).</remarks>
    public uint Checksum => _checksum ??= ModelFile.Checksum(Definition);

    /// <summary>Compiles a definition for this machine.</summary>
    /// <param name="definition">The model.</param>
    /// <returns>The runnable model.</returns>
    public static RnnModel FromDefinition(ModelDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new RnnModel(definition, null);
    }

    /// <summary>Loads a model file from memory.</summary>
    /// <param name="file">The whole <c>.ernn</c> file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ModelFormatException">The bytes are not a valid model file.</exception>
    public static RnnModel Load(ReadOnlySpan<byte> file)
    {
        var definition = ModelFile.Read(file, out uint checksum);
        return new RnnModel(definition, checksum);
    }

    /// <summary>Loads a model file from a stream, reading it to its end.</summary>
    /// <param name="stream">A readable stream positioned at the file's start.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ModelFormatException">The bytes are not a valid model file.</exception>
    public static RnnModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Load(ModelFile.ReadAllBounded(stream));
    }

    /// <summary>Loads a model file from disk.</summary>
    /// <param name="path">The <c>.ernn</c> file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ModelFormatException">The file is not a valid model file.</exception>
    public static RnnModel Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>Writes the model file.</summary>
    /// <param name="stream">A writable stream.</param>
    public void Save(Stream stream) => ModelFile.Write(Definition, stream);

    /// <summary>Writes the model file to disk (through a temporary file and a rename).</summary>
    /// <param name="path">The <c>.ernn</c> file.</param>
    public void Save(string path)
    {
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            Save(stream);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The model file as bytes.</summary>
    /// <returns>A new array.</returns>
    public byte[] ToBytes() => ModelFile.ToBytes(Definition);
}
