using ProcessManager.Cli.Commands.Process;
using ProcessManager.Cli.Infrastructure;
using ProcessManager.Configuration;
using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Commands.Config;

/// <summary>
/// <c>pbm config resolve [FILE] [--json]</c>: the fully resolved configuration, read locally. With a FILE of apps, the
/// apps are then checked by the daemon exactly as <c>pbm process apply</c> checks them (a dry run that changes
/// nothing), so a file this accepts is one apply accepts; without a daemon that check is skipped, with a warning.
/// </summary>
internal static class Resolve
{
    /// <summary>Options.</summary>
    public sealed record Options(string? File, bool ShowSecrets = false);

    /// <summary>The command.</summary>
    public static CommandDefinition Definition { get; } = CommandDefinition.Create(
        "config", "resolve", "Print the resolved configuration (all sources in load order, or one FILE, its apps checked as apply checks them); secrets redacted unless --show-secrets", "[FILE] [--show-secrets]", true,
        args =>
        {
            var showSecrets = args.Flag("--show-secrets");
            var files = args.Positionals(0, 1, "FILE");
            return new Options(files.Count == 1 ? files[0] : null, showSecrets);
        },
        RunAsync);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(Options options, CommandContext context)
    {
        var resolved = new StringWriter { NewLine = "\n" };
        var exit = ConfigResolveCommand.Run(options.File, context.Json, resolved, context.IO.Error, PbmConfigSources.FromProcess(), options.ShowSecrets);
        if (exit != ConfigResolveCommand.ExitOk)
        {
            return ExitCodes.Error;
        }

        if (options.File is { } file && DeclaresApps(file) && !await CheckAppsAsync(file, context).ConfigureAwait(false))
        {
            return ExitCodes.Error;
        }

        context.IO.Out.Write(resolved.ToString());
        return ExitCodes.Ok;
    }

    /// <summary>True for a file with a top-level processes block (a daemon configuration has none to check).</summary>
    private static bool DeclaresApps(string file) =>
        Hocon.ConfigurationFactory.ParseFile(file, new Hocon.HoconParseOptions { ResolveOptions = new Hocon.HoconResolveOptions { Environment = PbmConfigSources.FromProcess().Environment } })
            .HasPath(PbmConfigValidator.ProcessesPath);

    /// <summary>The daemon's verdict on the file's apps; false after printing why they are refused.</summary>
    private static async Task<bool> CheckAppsAsync(string file, CommandContext context)
    {
        if (await Apply.ReadAsync(file, context).ConfigureAwait(false) is not { } text)
        {
            return false;
        }

        try
        {
            await context.Client.ApplyConfigAsync(new ApplyConfigRequest(text, Path.GetFullPath(file), DryRun: true), context.Cancellation).ConfigureAwait(false);
            return true;
        }
        catch (PbmApiException ex) when (ex.StatusCode == 400)
        {
            context.Diagnostic($"error: {ex.Error}{(ex.Detail is null ? string.Empty : ": " + ex.Detail)}");
            return false;
        }
        catch (Exception ex) when (ex is DaemonUnreachableException or UsageException)
        {
            context.Diagnostic($"warning: the apps of {file} were not checked: no daemon answers ('pbm daemon start', then 'pbm process apply --dry-run {file}')");
            return true;
        }
    }
}
