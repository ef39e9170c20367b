using EdgeRnn.Device.Commands;
using EdgeRnn.Device.Persistence;
using EdgeRnn.Runtime;

namespace EdgeRnn.Device.Tests.Pipeline;

/// <summary>
/// The real <c>run</c> command saving its state ten times a second, killed with SIGKILL at seeded random moments and
/// restarted: once a state has been saved, every restart restores a valid one (the log says so) and neither file is ever
/// corrupt.
/// </summary>
public sealed class RunCrashTests : IDisposable
{
    private const int Runs = 12;
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-run-crash-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_KilledAtRandomMoments_EveryRestartRestoresAValidState()
    {
        string state = Path.Combine(_directory, "state");
        var model = RnnModel.Load(DemoCommand.ModelPath);
        var random = new Random(20261122);
        bool saved = false;
        for (int run = 0; run < Runs; run++)
        {
            using var child = DeviceProcess.Start(
                "run", "--model", DemoCommand.ModelPath, "--source", "sim:pump?rate=1000&speed=1", "--state", state, "--state-interval", "0.1", "--view", "none");
            await child.WaitForOutputAsync("source: sim:pump", TimeSpan.FromSeconds(60));
            if (saved)
            {
                Assert.Contains("state: restored from", child.Output, StringComparison.Ordinal);
            }

            await Task.Delay(random.Next(50, 400));
            child.Signal("KILL");
            await child.ExitAsync(TimeSpan.FromSeconds(30));

            var loaded = new StateStore(state, TextWriter.Null).Load(model.CreateState());
            saved |= File.Exists(Path.Combine(state, StateStore.DefaultFileName));
            if (saved)
            {
                Assert.True(loaded.Source != StateSource.None, $"run {run}: no valid state after a kill: {string.Join("; ", loaded.Rejections)}");
            }
        }

        Assert.True(saved, "Expected at least one state saved over the runs; found none.");
    }
}
