using Onnx;

namespace EdgeRnn.Training.Import;

/// <summary>One node on the path from the graph input to the output, and which of its inputs carries the data.</summary>
/// <param name="Node">The node.</param>
/// <param name="Slot">The position of the input on the path.</param>
internal sealed record OnnxStep(NodeProto Node, int Slot);

/// <summary>
/// Finds the nodes that compute an output from the graph input: walking back from the output, each node has exactly one
/// input that carries the input's data (for a recurrent node, X; its weights and initial states are checked apart), so
/// the path is a chain, whatever else the graph computes beside it (shapes, zero states, other outputs).
/// </summary>
internal static class OnnxPath
{
    /// <summary>The chain of nodes from a graph input to <paramref name="output"/>, input first.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="output">The graph output to compute.</param>
    /// <returns>The graph input the chain starts from and the nodes in order.</returns>
    /// <exception cref="InvalidDataException">The output does not depend on an input, a node combines two computed
    /// values, or the path takes a recurrent layer's final state instead of its sequence.</exception>
    public static (string Input, IReadOnlyList<OnnxStep> Steps) Find(OnnxGraph graph, string output)
    {
        var steps = new List<OnnxStep>();
        string value = output;
        while (graph.Input(value) is null)
        {
            if (graph.Producer(value) is not { } producer || !graph.CarriesData(value))
            {
                throw new InvalidDataException($"{graph.Source}: output '{output}': expected it to be computed from the graph input; found it depends on no input ({graph.WhatIs(value)}).");
            }

            var node = producer.Node;
            int slot;
            if (OnnxRecurrent.Is(node))
            {
                if (producer.Output != 0)
                {
                    string state = producer.Output == 1 ? "Y_h, the hidden state after the last step" : "Y_c, the cell state after the last step";
                    throw graph.Error(node, $"the path to output '{output}' takes its output {producer.Output}, {state}; expected Y (output 0), the whole sequence, since EdgeRnn applies the head at every step");
                }

                slot = 0;
            }
            else
            {
                int[] slots = [.. Enumerable.Range(0, node.Input.Count).Where(i => node.Input[i].Length != 0 && graph.CarriesData(node.Input[i]))];
                if (slots.Length != 1)
                {
                    throw graph.Error(node, $"expected one input computed from the graph input (a chain of layers); found {slots.Length}: {string.Join(", ", slots.Select(i => $"'{node.Input[i]}'"))}");
                }

                slot = slots[0];
            }

            steps.Add(new OnnxStep(node, slot));
            value = node.Input[slot];
        }

        steps.Reverse();
        return (value, steps);
    }
}
