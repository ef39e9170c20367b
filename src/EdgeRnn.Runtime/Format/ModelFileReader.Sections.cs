using System.Globalization;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Format;

/// <summary>The section bodies (layouts in models/FORMAT.md).</summary>
internal static partial class ModelFileReader
{
    private static ModelMetadata ReadMetadata(ref BoundedReader body)
    {
        long periodOffset = body.FileOffset;
        double period = body.ReadDouble("the sample period");
        if (!double.IsFinite(period) || period < 0)
        {
            throw body.ErrorAt(periodOffset, $"expected a finite, non-negative sample period in seconds; found {period}.");
        }

        int task = body.ReadInt32InRange("the task (0 Forecast, 1 Classify, 2 Label, 3 Text, 4 Reconstruct)", 0, 4);
        int nameCount = body.ReadCount("the feature name count", ModelDefinition.MaxWidth, 4);
        var names = new string[nameCount];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = body.ReadString(new Field("feature name", i));
        }

        int targetCount = body.ReadCount("the target channel count", ModelDefinition.MaxWidth, 4);
        var targets = new int[targetCount];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = body.ReadInt32InRange(new Field("target channel", i), 0, ModelDefinition.MaxWidth - 1);
        }

        int propertyCount = body.ReadCount("the property count", ModelFileLayout.MaxProperties, 8);
        var properties = new Dictionary<string, string>(propertyCount, StringComparer.Ordinal);
        for (int i = 0; i < propertyCount; i++)
        {
            long offset = body.FileOffset;
            string key = body.ReadString(new Field("property key", i));
            string value = body.ReadString(new Field("property value", i));
            if (!properties.TryAdd(key, value))
            {
                throw body.ErrorAt(offset, $"expected unique property keys; found \"{(key.Length > 80 ? key[..80] + "…" : key)}\" twice.");
            }
        }

        var metadata = new ModelMetadata
        {
            SamplePeriodSeconds = period,
            Task = (ModelTask)task,
            FeatureNames = names,
            TargetChannels = targets,
            Properties = properties,
        };
        string? problem = ModelFileRules.MetadataProblem(metadata);
        return problem is null ? metadata : throw body.SectionError(problem);
    }

    private static ChannelNormalization ReadNormalization(ref BoundedReader body)
    {
        int channels = body.ReadCount("the channel count", ModelDefinition.MaxWidth, 8);
        float[] mean = body.ReadSingles(channels, "the means");
        float[] std = body.ReadSingles(channels, "the standard deviations");
        try
        {
            return new ChannelNormalization(mean, std);
        }
        catch (ArgumentException ex)
        {
            throw body.Invalid(ex);
        }
    }

    /// <param name="body">The section body, or a decoder section positioned at one of its layers.</param>
    /// <param name="nested">A decoder's layer: the body goes on after it (else it must end with it).</param>
    private static RecurrentLayer ReadLayer(ref BoundedReader body, bool nested = false)
    {
        var kind = (CellKind)body.ReadInt32InRange("the cell kind (0 RnnTanh, 1 RnnRelu, 2 Lstm, 3 Gru)", 0, 3);
        int input = body.ReadInt32InRange("the input size", 1, ModelDefinition.MaxWidth);
        int hidden = body.ReadInt32InRange("the hidden size", 1, ModelDefinition.MaxWidth);
        var storage = (WeightStorage)body.ReadInt32InRange("the weight storage (0 float32, 1 int8)", 0, 1);
        int rows = kind.GateCount() * hidden;
        long expected = LayerBodyBytes(rows, input, hidden, storage) - 16;
        if (nested ? body.Remaining < expected : body.Remaining != expected)
        {
            throw body.Error($"expected {(nested ? "at least " : string.Empty)}{expected} bytes of biases and weights for a {kind} layer with input size {input}, hidden size {hidden} and {storage} weights; found {body.Remaining}.");
        }

        float[] biasIh = body.ReadSingles(rows, "bias_ih");
        float[] biasHh = body.ReadSingles(rows, "bias_hh");
        try
        {
            WeightMatrix weightIh, weightHh;
            if (storage == WeightStorage.Float32)
            {
                weightIh = WeightMatrix.FromFloat(rows, input, body.ReadSingles(rows * input, "weight_ih"));
                weightHh = WeightMatrix.FromFloat(rows, hidden, body.ReadSingles(rows * hidden, "weight_hh"));
            }
            else
            {
                float[] scalesIh = body.ReadSingles(rows, "the weight_ih row scales");
                float[] scalesHh = body.ReadSingles(rows, "the weight_hh row scales");
                weightIh = WeightMatrix.FromInt8(rows, input, body.ReadSBytes(rows * input, "weight_ih"), scalesIh);
                weightHh = WeightMatrix.FromInt8(rows, hidden, body.ReadSBytes(rows * hidden, "weight_hh"), scalesHh);
            }

            return new RecurrentLayer(kind, weightIh, weightHh, biasIh, biasHh);
        }
        catch (ArgumentException ex)
        {
            throw body.Invalid(ex);
        }
    }

    private static DenseLayer ReadHead(ref BoundedReader body)
    {
        int outputs = body.ReadInt32InRange("the output size", 1, ModelDefinition.MaxWidth);
        int input = body.ReadInt32InRange("the input size", 1, ModelDefinition.MaxWidth);
        var storage = (WeightStorage)body.ReadInt32InRange("the weight storage (0 float32, 1 int8)", 0, 1);
        long expected = HeadBodyBytes(outputs, input, storage) - 12;
        if (body.Remaining != expected)
        {
            throw body.Error($"expected {expected} bytes of bias and weights for a head of {outputs} outputs, input size {input} and {storage} weights; found {body.Remaining}.");
        }

        float[] bias = body.ReadSingles(outputs, "the head bias");
        try
        {
            WeightMatrix weight = storage == WeightStorage.Float32
                ? WeightMatrix.FromFloat(outputs, input, body.ReadSingles(outputs * input, "the head weight"))
                : WeightMatrix.FromInt8(outputs, input, ReadScaledRows(ref body, outputs, input, out float[] scales), scales);
            return new DenseLayer(weight, bias);
        }
        catch (ArgumentException ex)
        {
            throw body.Invalid(ex);
        }
    }

    private static ReadOnlySpan<sbyte> ReadScaledRows(ref BoundedReader body, int rows, int cols, out float[] scales)
    {
        scales = body.ReadSingles(rows, "the head row scales");
        return body.ReadSBytes(rows * cols, "the head weight");
    }

    private static ScoringParameters ReadScoring(ref BoundedReader body)
    {
        uint longWindow = body.ReadUInt32("the long window");
        uint shortWindow = body.ReadUInt32("the short window");
        float threshold = body.ReadSingle("the threshold");
        int count = body.ReadCount("the error std count", ModelDefinition.MaxWidth, 4);
        float[] errorStd = body.ReadSingles(count, "the error stds");
        if (longWindow > ModelFileLayout.MaxScoringWindow || shortWindow > ModelFileLayout.MaxScoringWindow)
        {
            throw body.SectionError(string.Create(CultureInfo.InvariantCulture, $"expected scoring windows in [0, {ModelFileLayout.MaxScoringWindow}] steps; found {longWindow} and {shortWindow}."));
        }

        var scoring = new ScoringParameters
        {
            LongWindow = (int)longWindow,
            ShortWindow = (int)shortWindow,
            Threshold = threshold,
            ErrorStd = errorStd,
        };
        string? problem = ModelFileRules.ScoringProblem(scoring);
        return problem is null ? scoring : throw body.SectionError(problem);
    }

    /// <summary>The detector section; its members are attached by the caller.</summary>
    private static DetectorDefinition ReadDetector(ref BoundedReader body, int forecasters)
    {
        body.ReadInt32InRange("the forecaster count (this model and the ensemble member sections before)", forecasters, forecasters);
        uint flags = body.ReadUInt32("the detector flags");
        if (flags > (ModelFileWriter.DetectorFlagTimeOfDay | ModelFileWriter.DetectorFlagChangePoints))
        {
            throw body.SectionError(string.Create(CultureInfo.InvariantCulture, $"expected detector flags 0 to 3 (bit 0 time of day, bit 1 change points); found {flags}."));
        }

        double threshold = body.ReadDouble("the alarm threshold");
        var channelError = (ChannelErrorKind)body.ReadInt32InRange("the channel error (0 mean absolute, 1 root mean square)", 0, 1);
        var baseline = (LikelihoodBaseline)body.ReadInt32InRange("the baseline (0 rolling Gaussian, 1 training maximum)", 0, 1);
        const int max = ModelDefinition.MaxDetectorWindow;
        int shortWindow = body.ReadInt32InRange("the short window", 1, max);
        int longWindow = body.ReadInt32InRange("the long window", 1, max);
        int skipRows = body.ReadInt32InRange("the skipped rows", 0, int.MaxValue);
        int freezeAfter = body.ReadInt32InRange("the reference rows", 0, int.MaxValue);
        int history = body.ReadInt32InRange("the minimum history", 1, max);
        int suppression = body.ReadInt32InRange("the hold-off rows", 0, max);
        int spatialWindow = body.ReadInt32InRange("the spatial window", 0, max);
        int valueWindow = body.ReadInt32InRange("the value window", 0, max);
        int valueShort = body.ReadInt32InRange("the value short window", 1, max);
        int switches = body.ReadInt32InRange("the likelihood switches (bit 0 two-sided, bit 1 log scale)", 0, 3);
        var d = new double[11];
        for (int k = 0; k < d.Length; k++)
        {
            d[k] = body.ReadDouble(new Field("likelihood setting", k));
        }

        int recent = body.ReadInt32InRange("the change-point recent rows", 0, max);
        int reference = body.ReadInt32InRange("the change-point reference rows", 0, max);
        double ratio = body.ReadDouble("the change-point ratio");
        var likelihood = new LikelihoodParameters
        {
            ChannelError = channelError,
            Baseline = baseline,
            ShortWindow = shortWindow,
            LongWindow = longWindow,
            SkipRows = skipRows,
            FreezeAfterRows = freezeAfter,
            MinimumHistory = history,
            SuppressionRows = suppression,
            SpatialWindow = spatialWindow,
            ValueWindow = valueWindow,
            ValueShortWindow = valueShort,
            TwoSided = (switches & 1) != 0,
            LogScale = (switches & 2) != 0,
            MinStdFraction = d[0],
            MinStd = d[1],
            RedLikelihood = d[2],
            YellowLikelihood = d[3],
            ErrorSquash = d[4],
            LogErrorOffset = d[5],
            ZScale = d[6],
            SpatialTolerance = d[7],
            SuppressionLevel = d[8],
            SuppressionFactor = d[9],
            ReferenceMaximum = d[10],
        };
        var changePoints = (flags & ModelFileWriter.DetectorFlagChangePoints) == 0 ? null : new ChangePointParameters { RecentRows = recent, ReferenceRows = reference, Ratio = ratio };
        try
        {
            return new DetectorDefinition(likelihood, threshold, null, (flags & ModelFileWriter.DetectorFlagTimeOfDay) != 0, changePoints);
        }
        catch (ArgumentException ex)
        {
            throw body.Invalid(ex);
        }
    }

    /// <summary>The body length of a layer section: four u32, two biases, then the weights.</summary>
    internal static long LayerBodyBytes(int rows, int input, int hidden, WeightStorage storage)
    {
        long weights = (long)rows * (input + hidden);
        return 16 + (8L * rows) + (storage == WeightStorage.Float32 ? 4 * weights : (8L * rows) + weights);
    }

    /// <summary>The body length of a head section: three u32, the bias, then the weights.</summary>
    internal static long HeadBodyBytes(int outputs, int input, WeightStorage storage)
    {
        long weights = (long)outputs * input;
        return 12 + (4L * outputs) + (storage == WeightStorage.Float32 ? 4 * weights : (4L * outputs) + weights);
    }
}
