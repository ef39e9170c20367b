using System.Numerics;
using EdgeRnn.Training.Training;
using EdgeRnn.Training.Training.Engine;

namespace EdgeRnn.Trainer.Tests.Training;

internal static class TestData
{
    public static double[] RandomParameters(ParameterLayout layout, double amplitude, ref DeterministicRandom random)
    {
        var values = new double[layout.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = amplitude * ((2 * random.NextDouble()) - 1);
        }

        return values;
    }

    public static T[] RandomValues<T>(int count, double amplitude, ref DeterministicRandom random)
        where T : INumberBase<T>
    {
        var values = new T[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = T.CreateChecked(amplitude * ((2 * random.NextDouble()) - 1));
        }

        return values;
    }

    public static SequenceBatch<T> RandomBatch<T>(
        NetworkShape shape, int count, int steps, LossKind loss, bool withStates, bool withMask, ref DeterministicRandom random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var inputs = RandomValues<T>(count * steps * shape.InputSize, 1.0, ref random);
        RecurrentStates<T>? states = null;
        if (withStates)
        {
            states = new RecurrentStates<T>(shape, count);
            RandomValues<T>(states.Hidden.Length, 0.5, ref random).CopyTo(states.Hidden, 0);
            RandomValues<T>(states.Cell.Length, 0.5, ref random).CopyTo(states.Cell, 0);
        }

        if (loss == LossKind.MeanSquaredError)
        {
            bool[] mask = [];
            if (withMask)
            {
                mask = new bool[count * steps];
                for (int i = 0; i < mask.Length; i++)
                {
                    mask[i] = i % 3 != 1;
                }
            }

            return new SequenceBatch<T>
            {
                Count = count,
                Steps = steps,
                Inputs = inputs,
                Targets = RandomValues<T>(count * steps * shape.OutputSize, 1.0, ref random),
                StepMask = mask,
                InitialStates = states,
            };
        }

        var labels = new int[loss == LossKind.CrossEntropyLastStep ? count : count * steps];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = i % 5 == 3 ? SequenceBatch<T>.IgnoreLabel : random.NextInt(shape.OutputSize);
        }

        return new SequenceBatch<T> { Count = count, Steps = steps, Inputs = inputs, Labels = labels, InitialStates = states };
    }
}
