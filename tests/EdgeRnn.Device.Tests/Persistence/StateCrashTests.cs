using System.Diagnostics;
using System.Globalization;
using EdgeRnn.Device.Persistence;

namespace EdgeRnn.Device.Tests.Persistence;

/// <summary>
/// Runs the test-only <c>EdgeRnn.Device.StateWriter</c> program, which saves its state through the device's
/// <see cref="StateStore"/> in a tight loop, and kills it with SIGKILL at seeded random moments: every restart must find a
/// valid state no older than the last save the child reported as complete, and neither state file may ever be corrupt.
/// </summary>
public sealed class StateCrashTests : IDisposable
{
    private const int Runs = 30;
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-crash-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Load_AfterSigkillAtRandomMoments_AlwaysAValidStateNoOlderThanTheLastCompletedSave()
    {
        var model = SmallModels.Forecaster(channels: 8, hidden: 64);
        string modelPath = Path.Combine(_directory, "model.ernn");
        model.Save(modelPath);
        string stateDirectory = Path.Combine(_directory, "state");
        var random = new Random(20261122);
        long lastCompleted = 0;
        int killedMidRun = 0;
        for (int run = 0; run < Runs; run++)
        {
            var child = await WriterProcess.StartAsync(stateDirectory, modelPath, extraBytes: 65536);
            Assert.True(child.LoadedSequence >= lastCompleted, $"run {run}: restart loaded save #{child.LoadedSequence}, but #{lastCompleted} had completed");
            if (lastCompleted > 0)
            {
                Assert.NotEqual("None", child.LoadedSource);
            }

            // Most runs are killed inside the save loop (after its first save); every fifth one during start-up.
            bool duringStartUp = run % 5 == 4;
            if (!duringStartUp)
            {
                await child.WaitForFirstSaveAsync();
            }

            await Task.Delay(random.Next(0, duringStartUp ? 5 : 60));
            child.Kill();
            if (child.LastSaved > child.LoadedSequence)
            {
                killedMidRun++;
            }

            lastCompleted = Math.Max(lastCompleted, child.LastSaved);
            var store = new StateStore(stateDirectory, TextWriter.Null);
            var result = store.Load(model.CreateState());
            if (lastCompleted > 0)
            {
                Assert.NotEqual(StateSource.None, result.Source);
                Assert.True(result.Saved!.Sequence >= lastCompleted, $"run {run}: found save #{result.Saved.Sequence}, but #{lastCompleted} had completed");
            }

            foreach (string path in new[] { store.CurrentPath, store.PreviousPath })
            {
                if (File.Exists(path))
                {
                    var saved = StateFile.Decode(File.ReadAllBytes(path));
                    model.CreateState().Restore(saved.State.Span);
                }
            }
        }

        Assert.True(killedMidRun >= Runs - (Runs / 5), $"expected the kills to land inside the save loop; {killedMidRun} of {Runs} did");
    }

    private sealed class WriterProcess
    {
        private readonly Process _process;
        private readonly TaskCompletionSource<string> _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly System.Text.StringBuilder _errors = new();
        private long _lastSaved;

        private WriterProcess(Process process) => _process = process;

        public string LoadedSource { get; private set; } = string.Empty;

        public long LoadedSequence { get; private set; }

        public long LastSaved => Interlocked.Read(ref _lastSaved);

        private string Errors
        {
            get
            {
                lock (_errors)
                {
                    return _errors.ToString();
                }
            }
        }

        public static async Task<WriterProcess> StartAsync(string stateDirectory, string modelPath, int extraBytes)
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "EdgeRnn.Device.StateWriter.dll");
            Assert.True(File.Exists(dll), $"expected the state writer beside the tests at {dll}");
            var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in new[] { dll, stateDirectory, modelPath, extraBytes.ToString(CultureInfo.InvariantCulture) })
            {
                info.ArgumentList.Add(arg);
            }

            var process = new Process { StartInfo = info };
            var writer = new WriterProcess(process);
            process.OutputDataReceived += (_, e) => writer.OnLine(e.Data);
            process.ErrorDataReceived += (_, e) =>
            {
                lock (writer._errors)
                {
                    writer._errors.AppendLine(e.Data);
                }
            };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var first = await Task.WhenAny(writer._loaded.Task, Task.Delay(TimeSpan.FromSeconds(60)));
            if (first != writer._loaded.Task)
            {
                writer.Kill();
                Assert.Fail($"the state writer did not start; stderr: {writer.Errors}");
            }

            string[] loaded = (await writer._loaded.Task).Split(' ');
            writer.LoadedSource = loaded[1];
            writer.LoadedSequence = long.Parse(loaded[2], CultureInfo.InvariantCulture);
            return writer;
        }

        public async Task WaitForFirstSaveAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (LastSaved <= LoadedSequence)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the state writer saved nothing in 60 s; stderr: {Errors}");
                await Task.Delay(1);
            }
        }

        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit();
            _process.Dispose();
        }

        private void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            if (line.StartsWith("loaded ", StringComparison.Ordinal))
            {
                _loaded.TrySetResult(line);
            }
            else if (line.StartsWith("saved ", StringComparison.Ordinal))
            {
                Interlocked.Exchange(ref _lastSaved, long.Parse(line.AsSpan(6), CultureInfo.InvariantCulture));
            }
        }
    }
}
