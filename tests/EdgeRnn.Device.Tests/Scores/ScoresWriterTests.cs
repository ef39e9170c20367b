using System.Globalization;
using System.Text;
using EdgeRnn.Device.Metrics;
using EdgeRnn.Device.Scores;
using EdgeRnn.Device.Tests.Sources;
using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Device.Tests.Scores;

public sealed class ScoresWriterTests : IDisposable
{
    private const int Rows = 10_000;
    private static readonly long Start = 1_767_225_600_000_000;
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-scores-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ScoreRow Row(int i) => new(Start + (i * 10_000L), i / (float)Rows, i % 100 < 10, i % 1000 == 500 ? LevelShift.Up : LevelShift.None);

    private static string[] Lines(GateStream stream) => Encoding.ASCII.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Dispose_AfterRows_HeaderThenOneRowPerAddInOrder()
    {
        var stream = new GateStream();
        using (var writer = new ScoresWriter(stream, ScoresOverflow.Wait, capacity: 64))
        {
            for (int i = 0; i < Rows; i++)
            {
                Assert.True(writer.Add(Row(i)));
            }
        }

        string[] lines = Lines(stream);
        Assert.Equal(Rows + 1, lines.Length);
        Assert.Equal("timestamp,score,alarm,change_point", lines[0]);
        for (int i = 0; i < Rows; i++)
        {
            string[] fields = lines[i + 1].Split(',');
            Assert.Equal(Row(i).Score, float.Parse(fields[1], CultureInfo.InvariantCulture));
            Assert.Equal(Row(i).Alarm ? "1" : "0", fields[2]);
            Assert.Equal(Row(i).ChangePoint == LevelShift.Up ? "up" : "none", fields[3]);
        }
    }

    [Fact]
    public async Task Add_WhileRunning_WholeRowsOnDiskWithinAMoment()
    {
        string path = Path.Combine(_directory, "scores.csv");
        using var writer = ScoresWriter.Open(path, ScoresOverflow.Drop);
        for (int i = 0; i < 10; i++)
        {
            writer.Add(Row(i));
        }

        await Eventually.True(() => writer.Written == 10, "10 rows written");
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        string text = new StreamReader(reader).ReadToEnd();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Equal(11, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Add_DropWhenTheDiskStalls_NeverWaitsDropsAndCounts()
    {
        var stream = new GateStream();
        var metrics = new DeviceMetrics();
        var writer = new ScoresWriter(stream, ScoresOverflow.Drop, metrics, capacity: 4);
        stream.Block();

        int added = 0;
        for (int i = 0; i < Rows; i++)
        {
            added += writer.Add(Row(i)) ? 1 : 0;
        }

        Assert.True(added < Rows, "rows were dropped while the disk stalled");
        Assert.Equal(Rows - added, writer.Dropped);
        Assert.Equal(writer.Dropped, metrics.DroppedScoreRows);
        Assert.Equal(0, writer.Waits);
        stream.Release();
        writer.Dispose();
        Assert.Equal(added, writer.Written);
        Assert.Equal(added + 1, Lines(stream).Length);
    }

    [Fact]
    public async Task Add_WaitWhenTheDiskStalls_TheProducerWaitsAndEveryRowIsWritten()
    {
        var stream = new GateStream();
        var writer = new ScoresWriter(stream, ScoresOverflow.Wait, capacity: 4);
        stream.Block();

        Task producer = Task.Run(() =>
        {
            for (int i = 0; i < Rows; i++)
            {
                writer.Add(Row(i));
            }
        });
        await Eventually.True(() => writer.Waits > 0, "the producer waiting");
        await Task.Delay(100);
        Assert.False(producer.IsCompleted, "the producer goes on only when the writer frees room");
        stream.Release();
        await producer.WaitAsync(TimeSpan.FromSeconds(20));
        writer.Dispose();

        Assert.Equal(0, writer.Dropped);
        Assert.Equal(Rows, writer.Written);
        Assert.Equal(Rows + 1, Lines(stream).Length);
    }

    [Fact]
    public async Task Add_WriteFails_ErrorKeptProducerNeverHangsRowsDropped()
    {
        var stream = new GateStream();
        var writer = new ScoresWriter(stream, ScoresOverflow.Wait, capacity: 4);
        stream.Fail = true;

        await Task.Run(() =>
        {
            for (int i = 0; i < Rows; i++)
            {
                writer.Add(Row(i));
            }
        }).WaitAsync(TimeSpan.FromSeconds(20));
        writer.Dispose();

        Assert.IsType<IOException>(writer.Error);
        Assert.Equal(0, writer.Written);
        Assert.True(writer.Dropped > Rows - 10, $"Expected the rows counted as dropped; found {writer.Dropped}.");
    }

    [Fact]
    public void Open_MissingDirectory_ThrowsIOException() =>
        Assert.ThrowsAny<IOException>(() => ScoresWriter.Open(Path.Combine(_directory, "no", "scores.csv"), ScoresOverflow.Wait));
}
