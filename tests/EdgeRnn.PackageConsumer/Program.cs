// Steps a model through a recording with the EdgeRnn.Runtime package, as a user's program would:
//   dotnet run -- <model.ernn> <recording.csv>   (CSV: a timestamp column, then the model's input channels, then any others)
using System.Globalization;
using EdgeRnn.Runtime;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: EdgeRnn.PackageConsumer <model.ernn> <recording.csv>");
    return 2;
}

var model = RnnModel.Load(args[0]);
var detector = new AnomalyDetector(model);
var sample = new float[model.InputSize];
int steps = 0;
int above = 0;
foreach (var line in File.ReadLines(args[1]).Skip(1))
{
    var fields = line.Split(',');
    for (int c = 0; c < sample.Length; c++)
    {
        sample[c] = float.Parse(fields[c + 1], CultureInfo.InvariantCulture);
    }

    var timestamp = DateTime.Parse(fields[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
    if (detector.Process(sample, timestamp).AboveThreshold)
    {
        above++;
    }

    steps++;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"EdgeRnn.Runtime package: {steps} steps of {model.InputSize} inputs, {above} above the alarm threshold"));
return steps > 0 && above > 0 ? 0 : 1;
