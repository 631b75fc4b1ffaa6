using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Output;

namespace ProcessManager.Cli.Commands.Plugin;

/// <summary><c>pbm plugin reload NAME</c>: re-read the manifest now and replace the pool (queued requests are kept).</summary>
internal static class Reload
{
    public sealed record Options(string Name);

    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "plugin", "reload", "Re-read a plugin's manifest and replace its workers", "NAME", true, args => new Options(PluginNameArgument.Read(args)), RunAsync);

    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var result = await context.Client.ReloadPluginAsync(options.Name, context.Cancellation).ConfigureAwait(false);
        if (context.Json)
        {
            JsonOutput.Write(context.IO.Out, result, j => j.PluginReloadResult);
            return ExitCodes.Ok;
        }
        context.IO.Out.WriteLine($"{result.Name} {result.Version} reloaded (generation {Format.Number(result.Generation)})");
        return ExitCodes.Ok;
    }
}
