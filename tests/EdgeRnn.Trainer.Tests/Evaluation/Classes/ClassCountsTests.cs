using EdgeRnn.Training.Evaluation.Classes;

namespace EdgeRnn.Trainer.Tests.Evaluation.Classes;

/// <summary>The confusion matrix of class readings and its figures, against hand-computed values.</summary>
public sealed class ClassCountsTests
{
    [Fact]
    public void Figures_OfAThreeClassMatrix_AreTheHandComputedOnes()
    {
        // labels:  0 0 0 0 1 1 1 2 2 2
        // reading: 0 0 1 2 1 1 0 2 2 2
        var counts = new ClassCounts(3);
        int[] labels = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2];
        int[] readings = [0, 0, 1, 2, 1, 1, 0, 2, 2, 2];
        for (int i = 0; i < labels.Length; i++)
        {
            counts.Add(labels[i], readings[i]);
        }

        Assert.Equal(10, counts.Total);
        Assert.Equal(7, counts.Correct);
        Assert.Equal(0.7, counts.Accuracy, 12);
        Assert.Equal(2.0 / 3, counts.Precision(0), 12);   // read 0: rows 0, 1, 6
        Assert.Equal(0.5, counts.Recall(0), 12);          // labelled 0: 4, read 0: 2
        Assert.Equal(2.0 * 2 / (4 + 3), counts.F1(0), 12);
        Assert.Equal(2.0 / 3, counts.Precision(1), 12);
        Assert.Equal(2.0 / 3, counts.Recall(1), 12);
        Assert.Equal(0.75, counts.Precision(2), 12);
        Assert.Equal(1.0, counts.Recall(2), 12);
        Assert.Equal(1, counts[0, 2]);
        Assert.Equal(1, counts[1, 0]);
        Assert.Equal(((4.0 / 7) + (2.0 / 3) + (6.0 / 7)) / 3, counts.MacroF1, 12);
    }

    [Fact]
    public void Add_PoolsTwoMatricesAsOne()
    {
        var a = new ClassCounts(2);
        var b = new ClassCounts(2);
        var both = new ClassCounts(2);
        foreach (var (l, p, target) in new[] { (0, 0, a), (0, 1, a), (1, 1, b), (1, 0, b), (1, 1, b) })
        {
            target.Add(l, p);
            both.Add(l, p);
        }

        a.Add(b);

        Assert.Equal(both.Total, a.Total);
        Assert.Equal(both.Correct, a.Correct);
        Assert.Equal(both.F1(1), a.F1(1), 15);
        Assert.Throws<ArgumentException>(() => a.Add(new ClassCounts(3)));
    }

    [Fact]
    public void MacroF1_LeavesOutAClassNeitherLabelledNorRead()
    {
        var counts = new ClassCounts(3);
        counts.Add(0, 0);
        counts.Add(1, 1);
        counts.Add(1, 0);

        Assert.Equal(((2.0 / 3) + (2.0 / 3)) / 2, counts.MacroF1, 12);
        Assert.Equal(0, counts.F1(2));
    }
}
