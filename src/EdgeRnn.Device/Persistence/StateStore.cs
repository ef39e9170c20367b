using System.Globalization;
using EdgeRnn.Runtime;

namespace EdgeRnn.Device.Persistence;

/// <summary>
/// Keeps a stream's recurrent state on disk so that a restart resumes where it stopped. A save writes a temporary file in
/// the same directory, flushes and fsyncs it, moves the current file to <c>&lt;name&gt;.prev</c>, renames the temporary file
/// over the current one and fsyncs the directory: at every instant the current file or the previous one is a complete,
/// checksummed state. A load tries the current file, then the previous one, and restores the first that passes every
/// check (CRC of the file, CRC and model checksum of the state). Not thread-safe: one saver at a time.
/// </summary>
internal sealed class StateStore
{
    /// <summary>The default state file name.</summary>
    public const string DefaultFileName = "state.ersf";

    private readonly TextWriter _log;
    private bool _currentIsGood = true;

    /// <summary>Creates a store; the directory is created when missing.</summary>
    /// <param name="directory">Where the state files live (<c>--state</c>).</param>
    /// <param name="log">Where loads and rejections are reported.</param>
    /// <param name="fileName">The state file's name.</param>
    /// <exception cref="IOException">The directory cannot be created.</exception>
    public StateStore(string directory, TextWriter log, string fileName = DefaultFileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        Directory.CreateDirectory(directory);
        DirectoryPath = Path.GetFullPath(directory);
        CurrentPath = Path.Combine(DirectoryPath, fileName);
        PreviousPath = CurrentPath + ".prev";
        TemporaryPath = CurrentPath + ".tmp";
        _log = log;
    }

    /// <summary>The state directory, absolute.</summary>
    public string DirectoryPath { get; }

    /// <summary>The current state file.</summary>
    public string CurrentPath { get; }

    /// <summary>The previous good state file.</summary>
    public string PreviousPath { get; }

    /// <summary>The temporary file a save writes first.</summary>
    public string TemporaryPath { get; }

    /// <summary>The sequence number of the last save or load (0 before any); the next save gets one more.</summary>
    public long Sequence { get; private set; }

    /// <summary>Saves a state atomically (see the class remarks); the state must not step meanwhile.</summary>
    /// <param name="state">The state.</param>
    /// <param name="sampleIndex">How many samples the stream has processed.</param>
    /// <param name="extra">A small free payload (at most 1 MiB), or empty.</param>
    /// <returns>What was saved.</returns>
    /// <exception cref="IOException">Writing failed; the current and previous files are untouched or still valid.</exception>
    public SavedState Save(RnnState state, long sampleIndex, ReadOnlySpan<byte> extra = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Save(state.ToBytes(), sampleIndex, extra.ToArray());
    }

    /// <summary>Saves state bytes taken earlier with <c>RnnState.SaveTo</c> (so that the write can run off the sample loop).</summary>
    /// <param name="stateBytes">The state's bytes.</param>
    /// <param name="sampleIndex">How many samples the stream had processed.</param>
    /// <param name="extra">A small free payload, or empty.</param>
    /// <returns>What was saved.</returns>
    /// <exception cref="IOException">Writing failed; the current and previous files are untouched or still valid.</exception>
    public SavedState Save(ReadOnlyMemory<byte> stateBytes, long sampleIndex, ReadOnlyMemory<byte> extra)
    {
        var saved = new SavedState(stateBytes, Sequence + 1, sampleIndex, DateTimeOffset.UtcNow, extra);
        byte[] file = StateFile.Encode(saved);
        using (var stream = new FileStream(TemporaryPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
        {
            stream.Write(file);
            stream.Flush(flushToDisk: true);
        }

        // A current file that a load rejected is replaced, never kept as the previous one: .prev stays a valid state.
        if (_currentIsGood && File.Exists(CurrentPath))
        {
            File.Move(CurrentPath, PreviousPath, overwrite: true);
        }

        File.Move(TemporaryPath, CurrentPath, overwrite: true);
        _currentIsGood = true;
        DirectorySync.Flush(DirectoryPath);
        Sequence = saved.Sequence;
        return saved;
    }

    /// <summary>Restores the newest valid saved state into <paramref name="state"/>: the current file, else the previous one.</summary>
    /// <param name="state">A fresh state of the running model; unchanged when nothing valid is found.</param>
    /// <returns>Which file was used and why others were rejected (also written to the log).</returns>
    public StateLoadResult Load(RnnState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var rejections = new List<string>();
        foreach (var (path, source) in new[] { (CurrentPath, StateSource.Current), (PreviousPath, StateSource.Previous) })
        {
            string? problem = TryRestore(path, state, out var saved);
            if (source == StateSource.Current)
            {
                _currentIsGood = problem is null;
            }

            if (problem is null)
            {
                Sequence = Math.Max(Sequence, saved!.Sequence);
                _log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"state: restored from {path} (save #{saved.Sequence}, sample {saved.SampleIndex}, saved {saved.SavedAt:yyyy-MM-dd HH:mm:ss}Z)"));
                return new StateLoadResult(source, saved, rejections);
            }

            rejections.Add($"{path}: {problem}");
            _log.WriteLine($"state: not using {path}: {problem}");
        }

        bool otherModel = rejections.Any(r => r.Contains("another model", StringComparison.Ordinal));
        _log.WriteLine(otherModel ? "state: state belongs to another model: starting fresh" : "state: no valid saved state: starting fresh");
        return new StateLoadResult(StateSource.None, null, rejections);
    }

    private static string? TryRestore(string path, RnnState state, out SavedState? saved)
    {
        saved = null;
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return "no such file";
            }

            long limit = StateFile.Size(state.SerializedSize, StateFile.MaxExtraBytes);
            if (info.Length > limit)
            {
                return $"expected at most {limit} bytes for this model's state; found {info.Length}";
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot read it: {e.Message}";
        }

        try
        {
            var candidate = StateFile.Decode(bytes);
            state.Restore(candidate.State.Span);
            saved = candidate;
            return null;
        }
        catch (ModelFormatException e)
        {
            return e.Message;
        }
    }
}
