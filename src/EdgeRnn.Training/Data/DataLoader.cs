using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Data;

/// <summary>
/// The entry point: reads the files of a <c>--data</c> specification, cleans them, splits each by time and fits the
/// normalisation on the training part. Text tasks read text files (see <see cref="TextCorpus"/>); the others read CSV.
/// </summary>
internal static class DataLoader
{
    private const double DroppedShareWarning = 0.1;
    private const double TimeBreakShareWarning = 0.01;

    /// <summary>1e11 Unix seconds is the year 5138, but 1e11 milliseconds is 1973: larger timestamps are milliseconds.</summary>
    private const double MillisecondEpochThreshold = 1e11;

    /// <summary>Loads the data.</summary>
    /// <param name="spec">A file, a folder (its *.csv, or *.txt for text) or a glob.</param>
    /// <param name="options">How to read, clean, split and normalise.</param>
    /// <returns>The training data.</returns>
    /// <exception cref="RecordingException">The specification, a file or the options cannot be used.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static TrainingData Load(string spec, DataOptions options) => Load([spec], options);

    /// <summary>Loads the data of several specifications (a shell may have expanded a glob into many files).</summary>
    /// <param name="specs">Files, folders or globs, in order.</param>
    /// <param name="options">How to read, clean, split and normalise.</param>
    /// <returns>The training data.</returns>
    /// <exception cref="RecordingException">A specification, a file or the options cannot be used.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static TrainingData Load(IReadOnlyList<string> specs, DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Task == ModelTask.Text)
        {
            return TextCorpus.Load(RecordingFiles.Resolve(specs, ".txt"), options.ValidationFraction);
        }

        var files = RecordingFiles.Resolve(specs, ".csv");
        var recordings = new List<Recording>(files.Count);
        ColumnNames? names = null;
        foreach (string file in files)
        {
            (var recording, names) = RecordingReader.Read(file, options, names);
            recordings.Add(recording);
        }

        return Assemble(recordings, names!, options);
    }

    private static TrainingData Assemble(List<Recording> recordings, ColumnNames names, DataOptions options)
    {
        var trainLengths = recordings.Select(r => TimeSplit.TrainLength(r.Length, options.ValidationFraction)).ToArray();
        ChannelNormalization normalization;
        ChannelSummary[] channels;
        if (options.FixedNormalization is { } fixedNormalization)
        {
            if (fixedNormalization.Count != names.Inputs.Count)
            {
                throw new RecordingException($"Expected a normalisation for {names.Inputs.Count} input channels; the given one has {fixedNormalization.Count}.");
            }

            // Evaluating a model: the statistics describe all of the data, which need not have a training part.
            normalization = fixedNormalization;
            channels = NormalizationFitter.Fit(recordings, recordings.Select(r => r.Length).ToArray(), names.Inputs, options.StdFloor).Channels;
        }
        else
        {
            (normalization, channels) = NormalizationFitter.Fit(recordings, trainLengths, names.Inputs, options.StdFloor);
        }

        var classes = names.Label is null ? null : ClassSet.Create(recordings.SelectMany(r => r.Labels!));
        int[] targets = names.TargetChannels.ToArray();
        var sequences = new DataSequence[recordings.Count];
        var train = new List<Segment>();
        var validation = new List<Segment>();
        var files = new FileSummary[recordings.Count];
        for (int f = 0; f < recordings.Count; f++)
        {
            var r = recordings[f];
            sequences[f] = SequenceBuilder.Build(r, normalization, targets, classes);
            train.AddRange(r.SegmentsWithin(0, trainLengths[f]).Select(s => new Segment(f, s.Start, s.Length)));
            validation.AddRange(r.SegmentsWithin(trainLengths[f], r.Length).Select(s => new Segment(f, s.Start, s.Length)));
            files[f] = new FileSummary(r.Path, r.DataRows, r.Length, r.MissingCells, r.CarriedCells, r.DroppedRows, r.Gaps, r.TimeBreaks, trainLengths[f], r.Length - trainLengths[f])
            {
                Clock = r.Clock is { HasQuirks: true } clock ? clock.Describe() : null,
            };
        }

        var periods = recordings.Select(r => r.SamplePeriodSeconds).Where(p => p > 0).Order().ToArray();
        double period = periods.Length == 0 ? 0 : periods[periods.Length / 2];
        var warnings = names.LeftOut
            .Select(n => $"Column '{n}' looks like labels and is not an input; name the inputs with --columns to use it.")
            .Concat(channels.Where(c => c.IsConstant)
                .Select(c => $"Channel '{c.Name}' is constant in the training part (std {c.Std:G3}); it is normalised with std 1."))
            .Concat(files.Where(f => f.DroppedRows > DroppedShareWarning * f.Rows)
                .Select(f => $"{f.Path}: {f.DroppedRows} of {f.Rows} rows were dropped for missing values."))
            .Concat(recordings.Where(r => r.Times is { Length: > 0 } times && times[0] > MillisecondEpochThreshold)
                .Select(r => $"{r.Path}: its timestamps look like Unix milliseconds (first {r.Times![0]:F0}); they are read as seconds, so the sample period reads {r.SamplePeriodSeconds:G4} s."))
            .Concat(files.Where(f => f.TimeBreaks > TimeBreakShareWarning * f.Rows)
                .Select(f => $"{f.Path}: its timestamps break it {f.TimeBreaks} times (steps over {options.MaxTimeStepFactor} × the median, or backwards); if the sampling is irregular, turn the time-step check off."))
            .ToArray();
        bool forecast = options.Task == ModelTask.Forecast;
        return new TrainingData
        {
            Task = options.Task,
            Sequences = sequences,
            TrainSegments = train,
            ValidationSegments = validation,
            InputWidth = names.Inputs.Count,
            OutputWidth = forecast ? targets.Length : classes!.Names.Count,
            InputNames = names.Inputs,
            TargetChannels = targets,
            ClassNames = classes?.Names ?? [],
            InputNormalization = normalization,
            OutputNormalization = forecast ? Subset(normalization, targets) : ChannelNormalization.Identity(classes!.Names.Count),
            SamplePeriodSeconds = period,
            Summary = new DataSummary(files, channels, period, warnings) { Classes = CountClasses(classes, sequences, trainLengths) },
        };
    }

    private static ClassSummary[] CountClasses(ClassSet? classes, DataSequence[] sequences, int[] trainLengths)
    {
        if (classes is null)
        {
            return [];
        }

        var train = new int[classes.Names.Count];
        var validation = new int[classes.Names.Count];
        for (int f = 0; f < sequences.Length; f++)
        {
            int[] labels = sequences[f].Labels;
            for (int t = 0; t < labels.Length; t++)
            {
                (t < trainLengths[f] ? train : validation)[labels[t]]++;
            }
        }

        return classes.Names.Select((name, i) => new ClassSummary(name, train[i], validation[i])).ToArray();
    }

    private static ChannelNormalization Subset(ChannelNormalization normalization, int[] channels)
    {
        var mean = channels.Select(c => normalization.Mean[c]).ToArray();
        var std = channels.Select(c => normalization.Std[c]).ToArray();
        return new ChannelNormalization(mean, std);
    }
}
