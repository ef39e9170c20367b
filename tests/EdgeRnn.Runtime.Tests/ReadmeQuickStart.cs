using EdgeRnn.Runtime;

namespace ReadmeSamples;

/// <summary>
/// The README's runtime quick start, verbatim: the using above and the code between the markers. Outside the
/// EdgeRnn.Runtime namespaces, so that the one using is all that brings the runtime's types in (ReadmeQuickStartTests).
/// </summary>
internal static class RuntimeQuickStart
{
    public static StreamStep Run(string path)
    {
        // quick start begins
        using var file = File.OpenRead(path);
        var model = RnnModel.Load(file);            // validates the file; throws ModelFormatException if it is bad
        var state = model.CreateState();            // one per stream; preallocated
        var output = new float[model.OutputSize];

        float[] sample = [0.1f, 20.5f, 3.2f];        // one raw sample per step, model.InputSize channels
        state.Step(sample, output);                 // allocates nothing; NaN inputs are held, never enter the state

        byte[] saved = state.ToBytes();             // persist across restarts...
        state.Restore(saved);                       // ...only into a state of the same model, else ModelFormatException

        var detector = new StreamDetector(new AnomalyDetector(model));  // per sample: forecast error, score, alarm
        detector.Bind(["vibration_rms", "temperature", "motor_current"]);  // the source's channels, by name
        StreamStep step = detector.Process(sample, DateTime.UtcNow);    // step.Score.Score in [0, 1]
        if (step.Transition == AlarmTransition.Raised) { /* switch the alarm output on */ }
        // quick start ends
        return step;
    }
}
