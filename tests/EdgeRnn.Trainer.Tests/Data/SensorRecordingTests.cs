using System.Globalization;
using System.Text;
using EdgeRnn.Training.Data;

namespace EdgeRnn.Trainer.Tests.Data;

/// <summary>End to end on a sensor-like recording: 8 sine channels at 10 Hz with ISO timestamps and a sensor outage.</summary>
public class SensorRecordingTests
{
    private static readonly double[] Periods = [50, 120, 333, 17, 75, 500, 29, 211];

    [Fact]
    public void Load_SensorLog_CountsSplitNormalisationAndWindows()
    {
        using var temp = new TempFolder();
        string file = temp.Write("pump.csv", SensorLog(rows: 4000, outageChannel: 3, outageStart: 1000, outageLength: 10, isolatedBlank: 2500));
        var data = DataLoader.Load(file, new DataOptions());

        var summary = data.Summary;
        Assert.Equal(4000, summary.Rows);
        Assert.Equal(3990, summary.UsableRows);
        Assert.Equal(10, summary.DroppedRows);
        Assert.Equal(1, summary.CarriedCells);
        Assert.Equal(1, summary.Gaps);
        Assert.Equal(0.1, summary.SamplePeriodSeconds, 9);
        Assert.Equal(8, data.InputWidth);
        Assert.Equal(8, data.OutputWidth);
        Assert.Equal(["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"], data.InputNames);

        int train = 3990 - 798;
        Assert.Equal([new Segment(0, 0, 1000), new Segment(0, 1000, train - 1000)], data.TrainSegments);
        Assert.Equal([new Segment(0, train, 798)], data.ValidationSegments);
        for (int c = 0; c < 8; c++)
        {
            Assert.InRange(data.InputNormalization.Std[c], 0.6f, 0.8f);
            Assert.InRange(data.InputNormalization.Mean[c], -0.1f, 0.1f);
        }

        var batcher = new WindowBatcher(data, SplitPart.Train, length: 64, stride: 16, batchSize: 32);
        Assert.Equal(Windows(1000) + Windows(train - 1000), batcher.WindowCount);
        var validation = new WindowBatcher(data, SplitPart.Validation, length: 64, stride: 16, batchSize: 32);
        Assert.Equal(Windows(798), validation.WindowCount);
    }

    private static int Windows(int segment) => segment >= 65 ? ((segment - 65) / 16) + 1 : 0;

    private static string SensorLog(int rows, int outageChannel, int outageStart, int outageLength, int isolatedBlank)
    {
        var start = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var text = new StringBuilder("timestamp,c0,c1,c2,c3,c4,c5,c6,c7\n");
        for (int t = 0; t < rows; t++)
        {
            text.Append(start.AddMilliseconds(100 * t).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            for (int c = 0; c < Periods.Length; c++)
            {
                bool blank = (c == outageChannel && t >= outageStart && t < outageStart + outageLength) || (c == 0 && t == isolatedBlank);
                text.Append(',');
                if (!blank)
                {
                    text.Append(Math.Sin((2 * Math.PI * t / Periods[c]) + c).ToString("F5", CultureInfo.InvariantCulture));
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
