using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Tests.Format;

namespace EdgeRnn.Runtime.Tests.Golden;

/// <summary>Bidirectional layers through <see cref="RnnWindow"/>: PyTorch's reference cases, int8, allocation, format.</summary>
public sealed class BidirectionalWindowTests(ITestOutputHelper log)
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Cases => GoldenCase.Bidirectional();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_FloatWindow_MatchesPyTorch(string name)
    {
        var golden = GoldenCase.Load(name);
        var model = RnnModel.FromDefinition(golden.Definition);
        var window = model.CreateWindow(golden.Steps);
        var outputs = new float[golden.Steps * model.OutputSize];

        window.Run(golden.Input, outputs);

        Assert.Equal(golden.Output.Length, outputs.Length);
        double worst = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(outputs[i] - golden.Output[i]));
            Assert.True(Math.Abs(outputs[i] - golden.Output[i]) <= Tolerance, $"{name} output[{i}]: {outputs[i]} vs {golden.Output[i]}");
        }

        log.WriteLine($"{name}: float window output max abs error {worst:E2}");
        int layers = golden.Definition.Layers.Count;
        int n = golden.Definition.Layers[0].HiddenSize;
        for (int k = 0; k < layers; k++)
        {
            for (int d = 0; d < 2; d++)
            {
                var h = window.Hidden(k, reverse: d == 1);
                var c = window.Cell(k, reverse: d == 1);
                for (int j = 0; j < n; j++)
                {
                    int at = (((2 * k) + d) * n) + j;
                    Assert.True(Math.Abs(h[j] - golden.FinalH[at]) <= Tolerance, $"{name} final h[{(2 * k) + d}][{j}]: {h[j]} vs {golden.FinalH[at]}");
                    if (golden.FinalC is not null)
                    {
                        Assert.True(Math.Abs(c[j] - golden.FinalC[at]) <= Tolerance, $"{name} final c[{(2 * k) + d}][{j}]: {c[j]} vs {golden.FinalC[at]}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_LastOnly_EqualsTheLastRowOfTheWholeWindow(string name)
    {
        var golden = GoldenCase.Load(name);
        var model = RnnModel.FromDefinition(golden.Definition);
        var window = model.CreateWindow(golden.Steps + 5);
        var all = new float[golden.Steps * model.OutputSize];
        var last = new float[model.OutputSize];

        window.Run(golden.Input, all);
        window.Run(golden.Input, last);

        Assert.Equal(all.AsSpan(all.Length - last.Length).ToArray(), last);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_Int8Window_StaysNearFloatAndPyTorch(string name)
    {
        var golden = GoldenCase.Load(name);
        var quantized = ModelQuantizer.Quantize(golden.Definition, out var report);
        Assert.Contains(report.Matrices, m => m.Name.EndsWith("_reverse", StringComparison.Ordinal));
        Assert.Equal((4 * golden.Definition.Layers.Count) + 1, report.Matrices.Count);
        var model = RnnModel.FromDefinition(ModelFile.Read(ModelFile.ToBytes(quantized), out _));
        Assert.True(model.IsQuantized);
        var window = model.CreateWindow(golden.Steps);
        var outputs = new float[golden.Steps * model.OutputSize];

        window.Run(golden.Input, outputs);

        double worst = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(outputs[i] - golden.Output[i]));
        }

        log.WriteLine($"{name}: int8 window output max abs error {worst:E2}");
        Assert.True(worst < 0.1, $"{name}: int8 differs from PyTorch by up to {worst}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Run_AfterFirstCall_AllocatesNothing(bool int8)
    {
        var golden = GoldenCase.Load("bidi_lstm_3x7x2");
        var definition = int8 ? ModelQuantizer.Quantize(golden.Definition, out _) : golden.Definition;
        var window = RnnModel.FromDefinition(definition).CreateWindow(golden.Steps);
        var outputs = new float[golden.Steps * definition.OutputSize];
        var last = new float[definition.OutputSize];
        window.Run(golden.Input, outputs);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            window.Run(golden.Input, outputs);
            window.Run(golden.Input, last);
            window.Run(golden.Input.AsSpan(0, 3 * definition.InputSize), outputs.AsSpan(0, 3 * definition.OutputSize));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("lstm_3x13")]
    [InlineData("gru_5x17")]
    [InlineData("rnn_relu_4x16x2")]
    public void Run_UnidirectionalModel_EqualsSteppingAFreshState(string name)
    {
        var golden = GoldenCase.Load(name);
        var model = RnnModel.FromDefinition(golden.Definition);
        var stepped = new float[golden.Steps * model.OutputSize];
        var state = model.CreateState();
        for (int t = 0; t < golden.Steps; t++)
        {
            state.Step(golden.Input.AsSpan(t * model.InputSize, model.InputSize), stepped.AsSpan(t * model.OutputSize, model.OutputSize));
        }

        var windowed = new float[stepped.Length];
        model.CreateWindow(golden.Steps).Run(golden.Input, windowed);

        Assert.Equal(stepped, windowed);
    }

    [Fact]
    public void CreateState_BidirectionalModel_ThrowsNotSupportedNamingTheWindowApi()
    {
        var model = RnnModel.FromDefinition(GoldenCase.Load("bidi_gru_4x9").Definition);

        var ex = Assert.Throws<NotSupportedException>(model.CreateState);
        Assert.Contains("CreateWindow", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bidirectional", ex.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => model.CreateBatch(2));
    }

    [Fact]
    public void Run_WindowLongerThanMaxSteps_Throws()
    {
        var golden = GoldenCase.Load("bidi_gru_4x9");
        var window = RnnModel.FromDefinition(golden.Definition).CreateWindow(golden.Steps - 1);

        Assert.Throws<ArgumentException>(() => window.Run(golden.Input, new float[golden.Steps * 2]));
        Assert.Throws<ArgumentException>(() => window.Run(golden.Input.AsSpan(0, 4), new float[3]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void File_Bidirectional_RoundTripsAsMinorVersion2WithRequiredReverseSections(bool int8)
    {
        var golden = GoldenCase.Load("bidi_lstm_3x7x2");
        var definition = int8 ? ModelQuantizer.Quantize(golden.Definition, out _) : golden.Definition;

        byte[] file = ModelFile.ToBytes(definition);

        Assert.Equal(2, BitConverter.ToUInt16(file, 10));
        var sections = SectionList.Parse(file);
        var ids = sections.Sections.Select(s => s.Id).ToArray();
        Assert.Equal([1u, 2, 3, 9, 3, 9, 4, 5, 6], ids);
        Assert.All(sections.Sections.Where(s => s.Id == 9), s => Assert.Equal(1u, s.Flags & 1));
        Model.ModelAssert.Equal(definition, ModelFile.Read(file, out _));
        Assert.Equal(file, ModelFile.ToBytes(ModelFile.Read(file, out _)));
    }

    [Fact]
    public void File_Unidirectional_StillMinorVersion0()
    {
        byte[] file = ModelFile.ToBytes(GoldenCase.Load("lstm_3x13").Definition);

        Assert.Equal(0, BitConverter.ToUInt16(file, 10));
        Assert.DoesNotContain(SectionList.Parse(file).Sections, s => s.Id == 9);
    }

    [Fact]
    public void File_ReverseSectionWithoutItsLayer_Refused()
    {
        var sections = SectionList.Parse(ModelFile.ToBytes(GoldenCase.Load("bidi_gru_4x9").Definition));
        int reverse = sections.Sections.FindIndex(s => s.Id == 9);
        var moved = sections.Sections[reverse];
        sections.Sections.RemoveAt(reverse);
        sections.Sections.Insert(0, moved);

        string message = ModelFiles.Refused(sections.ToFile());

        Assert.Contains("reverse layer", message, StringComparison.Ordinal);
    }
}
