using System.CommandLine;
using EdgeRnn.Runtime;
using EdgeRnn.Trainer.Commands.Train;

namespace EdgeRnn.Trainer.Commands;

/// <summary><c>edgernn generate</c>: samples text from a character-level model (<c>edgernn train --task text</c>) step by step through the runtime.</summary>
internal static class GenerateCommand
{
    internal static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "A text model (.ernn) trained with --task text", Required = true };
        var prompt = new Option<string>("--prompt") { Description = "Text that primes the model (characters of its vocabulary)", DefaultValueFactory = _ => string.Empty };
        var length = new Option<int>("--length") { Description = "Characters to generate after the prompt", DefaultValueFactory = _ => 200 };
        var temperature = new Option<double>("--temperature") { Description = "Softmax temperature: below 1 more conservative, above 1 more varied, 0 always the most likely", DefaultValueFactory = _ => 1.0 };
        var topK = new Option<int>("--top-k") { Description = "Draw among the k most likely characters only, renormalised (0: all; 1: always the most likely)", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the draws (same seed, same text)", DefaultValueFactory = _ => 1UL };
        var command = new Command("generate", "Generate text from a character-level model, sampling one character at a time")
        {
            model, prompt, length, temperature, topK, seed,
        };
        command.SetAction(parseResult =>
        {
            try
            {
                var loaded = RnnModel.Load(parseResult.GetRequiredValue(model).FullName);
                string text = new TextSampler(loaded).Generate(parseResult.GetRequiredValue(prompt), parseResult.GetValue(length), parseResult.GetValue(temperature), parseResult.GetValue(seed), parseResult.GetValue(topK));
                parseResult.InvocationConfiguration.Output.WriteLine(text);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException or ModelFormatException or UnauthorizedAccessException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"edgernn generate: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
