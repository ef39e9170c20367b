using System.Globalization;
using System.Text;
using EdgeRnn.Recordings;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Training.Evaluation.Classes;

namespace EdgeRnn.Trainer.Commands;

/// <summary>
/// <c>edgernn predict</c> in windows (a bidirectional classify/label model, or any class model with
/// <c>--window-samples</c>/<c>--window-every</c>): the rows are read whole, the model runs over windows as
/// <c>edgernn-device run</c> labels (<see cref="WindowPlan"/>), and each row gets the outputs of the window that read it
/// (<see cref="ClassReadings"/> says which); a row no window read (a Classify model's rows between window ends) has empty cells.
/// </summary>
internal static class PredictWindows
{
    /// <summary>Runs the model over every row of <paramref name="inputFile"/> and writes the readings to <paramref name="writer"/>.</summary>
    /// <param name="model">A classify or label model.</param>
    /// <param name="plan">The windows.</param>
    /// <param name="inputFile">The recording.</param>
    /// <param name="writer">Receives the rows after the header.</param>
    /// <returns>The rows and the clock of the timestamp column.</returns>
    /// <exception cref="InvalidDataException">A row is malformed, or the model is not a classify or label model.</exception>
    public static (int Rows, StreamClock? Clock) Run(RnnModel model, WindowPlan plan, FileInfo inputFile, TextWriter writer)
    {
        if (model.Definition.Metadata.Task is not (Runtime.Model.ModelTask.Classify or Runtime.Model.ModelTask.Label))
        {
            throw new InvalidDataException($"{inputFile.Name}: windows (--window-samples, --window-every, a bidirectional layer) are for classify and label models; found a {model.Definition.Metadata.Task.ToString().ToLowerInvariant()} model.");
        }

        var inputs = new List<float>();
        var row = new float[model.InputSize];
        StreamClock? clock;
        using (var reader = new RecordingSteps(CsvReader.Open(inputFile.FullName, inputFile.Name), model.InputSize, model.Definition.Metadata.FeatureNames))
        {
            while (reader.TryRead(row))
            {
                inputs.AddRange(row);
            }

            clock = reader.Clock;
        }

        var readings = ClassReadings.Run(model, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(inputs), plan);
        var line = new StringBuilder();
        int rows = readings.Predicted.Length;
        for (int r = 0; r < rows; r++)
        {
            line.Clear();
            for (int i = 0; i < readings.Classes; i++)
            {
                line.Append(i == 0 ? string.Empty : ",");
                if (readings.Predicted[r] >= 0)
                {
                    line.Append(readings.Outputs[(r * readings.Classes) + i].ToString("R", CultureInfo.InvariantCulture));
                }
            }

            writer.WriteLine(line);
        }

        return (rows, clock);
    }
}
