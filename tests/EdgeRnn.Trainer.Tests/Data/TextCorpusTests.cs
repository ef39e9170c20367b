using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Data;

namespace EdgeRnn.Trainer.Tests.Data;

public class TextCorpusTests
{
    [Fact]
    public void Load_Text_VocabularySortedDistinctWithNormalisedLineEnds()
    {
        using var temp = new TempFolder();
        string file = temp.Write("t.txt", "hello\r\nworld");
        var data = DataLoader.Load(file, new DataOptions { Task = ModelTask.Text });
        Assert.Equal("\ndehlorw", data.Vocabulary);
        Assert.Equal(8, data.InputWidth);
        Assert.Equal(8, data.OutputWidth);
        Assert.Equal(11, data.Sequences[0].Length);
        Assert.Equal([new Segment(0, 0, 9)], data.TrainSegments);
        Assert.Equal([new Segment(0, 9, 2)], data.ValidationSegments);
    }

    [Fact]
    public void NextBatch_Text_OneHotInputsAndNextCharacterTargets()
    {
        using var temp = new TempFolder();
        string file = temp.Write("t.txt", "abcabd");
        var data = DataLoader.Load(file, new DataOptions { Task = ModelTask.Text, ValidationFraction = 0 });
        var batcher = new WindowBatcher(data, SplitPart.Train, length: 3, stride: 1, batchSize: 2);
        var batch = batcher.CreateBatch();
        Assert.True(batcher.NextBatch(batch));
        Assert.Equal(2, batch.Count);
        var inputs = batch.InputsOf(1).ToArray();
        Assert.Equal([0f, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0], inputs);
        Assert.Equal("cab", new string(batch.StepLabels.Skip(3).Take(3).Select(c => data.Vocabulary[c]).ToArray()));
    }

    [Fact]
    public void Load_EmptyText_ThrowsNamingFile()
    {
        using var temp = new TempFolder();
        string file = temp.Write("t.txt", "a");
        Assert.Equal(file, Assert.Throws<RecordingException>(() => DataLoader.Load(file, new DataOptions { Task = ModelTask.Text })).FilePath);
    }
}
