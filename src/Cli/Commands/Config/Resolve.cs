using ProcessManager.Cli.Infrastructure;
using ProcessManager.Configuration;

namespace ProcessManager.Cli.Commands.Config;

/// <summary><c>pbm config resolve [FILE] [--json]</c>: the fully resolved configuration, read locally (no daemon needed).</summary>
internal static class Resolve
{
    /// <summary>Options.</summary>
    public sealed record Options(string? File, bool ShowSecrets = false);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "config", "resolve", "Print the resolved configuration (all sources in load order, or one FILE); secrets redacted unless --show-secrets", "[FILE] [--show-secrets]", true,
        args =>
        {
            var showSecrets = args.Flag("--show-secrets");
            var files = args.Positionals(0, 1, "FILE");
            return new Options(files.Count == 1 ? files[0] : null, showSecrets);
        },
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static Task<int> RunAsync(Options options, CommandContext context)
    {
        var exit = ConfigResolveCommand.Run(options.File, context.Json, context.IO.Out, context.IO.Error, PbmConfigSources.FromProcess(), options.ShowSecrets);
        return Task.FromResult(exit == ConfigResolveCommand.ExitOk ? ExitCodes.Ok : ExitCodes.Error);
    }
}
