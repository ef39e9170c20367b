using System.Globalization;
using EdgeRnn.Device.Persistence;
using EdgeRnn.Runtime;

namespace EdgeRnn.Device.StateWriter;

/// <summary>
/// <c>EdgeRnn.Device.StateWriter &lt;dir&gt; &lt;model.ernn&gt; [extra-bytes]</c>, the child process of the crash test: it
/// restores the state through the device's <see cref="StateStore"/> like a restarting device (printing
/// <c>loaded &lt;source&gt; &lt;sequence&gt;</c>), then steps and saves in a tight loop, printing <c>saved &lt;sequence&gt;</c>
/// after each completed save, until it is killed.
/// </summary>
internal static class Program
{
    /// <summary>Runs the soak writer.</summary>
    /// <param name="args">The state directory, the model file and optionally the extra payload size in bytes.</param>
    /// <returns>2 for bad arguments; otherwise it runs until killed.</returns>
    private static int Main(string[] args)
    {
        int extraBytes = 0;
        if (args.Length is < 2 or > 3 || (args.Length == 3 && !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out extraBytes)))
        {
            Console.Error.WriteLine($"Expected <dir> <model.ernn> [extra-bytes]; found {args.Length} arguments.");
            return 2;
        }

        var model = RnnModel.Load(args[1]);
        var store = new StateStore(args[0], Console.Error);
        var state = model.CreateState();
        var loaded = store.Load(state);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loaded {loaded.Source} {loaded.Saved?.Sequence ?? 0}"));
        var input = new float[model.InputSize];
        var output = new float[model.OutputSize];
        var extra = new byte[extraBytes];
        var random = new Random(unchecked((int)store.Sequence));
        for (long sample = loaded.Saved?.SampleIndex ?? 0; ; sample++)
        {
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = (float)((random.NextDouble() * 2) - 1);
            }

            state.Step(input, output);
            random.NextBytes(extra);
            var saved = store.Save(state.ToBytes(), sample + 1, extra);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"saved {saved.Sequence}"));
        }
    }
}
