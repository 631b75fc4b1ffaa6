using System.Text.Json;
using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Plugin;

/// <summary><c>pbm plugin invoke NAME [--method M] [--json-input FILE|-]</c>: one request; prints the worker's result.</summary>
internal static class Invoke
{
    /// <param name="Input">A file of JSON params, "-" for stdin, or null for no params.</param>
    public sealed record Options(string Name, string Method, string? Input);

    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "plugin", "invoke", "Send one request to a plugin and print its result", "NAME [--method M (default invoke)] [--json-input FILE|-]", true, Parse, RunAsync);

    private static Options Parse(ArgumentReader args)
    {
        var method = args.Value("--method", "-m") ?? "invoke";
        var input = args.Value("--json-input", "-i");
        return new Options(PluginNameArgument.Read(args), method, input);
    }

    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        JsonElement? parameters = null;
        if (options.Input is { } input)
        {
            string text;
            try
            {
                text = input == "-" ? await context.IO.In.ReadToEndAsync(context.Cancellation).ConfigureAwait(false) : await File.ReadAllTextAsync(input, context.Cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--json-input {input}: {e.Message}");
            }
            try
            {
                using var document = JsonDocument.Parse(text);
                parameters = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new UsageException($"--json-input {input}: not JSON ({e.Message})");
            }
        }
        var result = await context.Client.InvokePluginAsync(options.Name, new PluginInvokeRequest(options.Method, parameters), context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, result, j => j.PluginInvokeResult);
            return ExitCodes.Ok;
        }
        context.IO.Out.WriteLine(result.Result.GetRawText());
        context.Diagnostic($"{result.Plugin}.{result.Method}: {Format.Number(result.DurationMs, "0.###")} ms, worker pid {result.WorkerPid}");
        return ExitCodes.Ok;
    }
}
