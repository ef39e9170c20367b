using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training;

/// <summary>What <see cref="RnnTrainer.Train"/> returns: the model as it would be written, and the run's summary.</summary>
public sealed class TrainedModel
{
    internal TrainedModel(ModelDefinition definition, IReadOnlyList<(string Name, string Value)> summary)
    {
        Definition = definition;
        Model = RnnModel.FromDefinition(definition);
        Summary = summary.Select(row => new KeyValuePair<string, string>(row.Name, row.Value)).ToArray();
    }

    /// <summary>The weights, normalisation, metadata and detector (or anomaly scoring) the model file holds.</summary>
    public ModelDefinition Definition { get; }

    /// <summary>The runnable model; <see cref="RnnModel.Save(string)"/> writes the <c>.ernn</c> file <c>edgernn train</c> would write.</summary>
    public RnnModel Model { get; }

    /// <summary>The rows of the final table <c>edgernn train</c> prints: name and value (epochs, losses, threshold, sizes, ...).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Summary { get; }
}
