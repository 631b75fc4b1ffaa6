using System.Net.Sockets;
using System.Reflection;
using ProcessManager.Cli.Infrastructure;
using ProcessManager.Cli.Interactive;
using ProcessManager.Contracts.Client;

namespace ProcessManager.Cli;

/// <summary>pbm's entry: global options, then a command, help, or the interactive console.</summary>
internal sealed class PbmApp
{
    private readonly IConsoleIO _io;
    private readonly IClock _clock;
    private readonly Func<Target, IPbmApiClient> _clientFactory;
    private readonly Func<string, string?> _environment;
    private readonly CancelKeyScope _scope;

    /// <summary>Creates the app with its seams: console, clock, client factory, environment and Ctrl-C scope.</summary>
    public PbmApp(IConsoleIO io, IClock clock, Func<Target, IPbmApiClient> clientFactory, Func<string, string?> environment, CancelKeyScope? scope = null)
    {
        _io = io;
        _clock = clock;
        _clientFactory = clientFactory;
        _environment = environment;
        _scope = scope ?? new CancelKeyScope();
    }

    /// <summary>pbm's version (the assembly's informational version, as the daemon reports its own).</summary>
    public static string Version =>
        typeof(PbmApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The real client for a target.</summary>
    public static IPbmApiClient DefaultClient(Target target) =>
        new PbmApiClient(target.Endpoint, target.Token, PbmClientSettings.Default with { CaFile = target.CaFile, Node = target.Node });

    /// <summary>Runs pbm with its command line; returns the exit code.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellation)
    {
        GlobalOptions globals;
        List<string> rest;
        try
        {
            (globals, rest) = GlobalOptions.Extract(args);
        }
        catch (UsageException ex)
        {
            _io.Error.Write($"pbm: {ex.Message}\n");
            return ExitCodes.Usage;
        }

        if (globals.Version)
        {
            _io.Out.Write($"pbm {Version}\n");
            return ExitCodes.Ok;
        }

        if (rest.Count == 0)
        {
            if (globals.Help)
            {
                HelpWriter.Overview(_io.Out);
                return ExitCodes.Ok;
            }

            var context = new CommandContext(_io, _clock, globals, _clientFactory, _environment, cancellation);
            return await new InteractiveConsole(this, context, _scope).RunAsync().ConfigureAwait(false);
        }

        return await ExecuteAsync(globals, rest, cancellation).ConfigureAwait(false);
    }

    /// <summary>Runs one command line (without global options); used by one-shot runs and the interactive console.</summary>
    public async Task<int> ExecuteAsync(GlobalOptions globals, IReadOnlyList<string> words, CancellationToken cancellation)
    {
        var context = new CommandContext(_io, _clock, globals, _clientFactory, _environment, cancellation);
        CommandDefinition? command = null;
        try
        {
            var palette = words[0];
            if (palette is "help")
            {
                return await HelpAsync(words.Skip(1).ToList(), context).ConfigureAwait(false);
            }

            if (!CommandCatalog.IsBuiltIn(palette))
            {
                return await RemotePalettes.RunAsync(palette, words.Skip(1).ToList(), context).ConfigureAwait(false);
            }

            if (words.Count == 1 && !globals.Help && CommandCatalog.DefaultCommands.TryGetValue(palette, out var defaultCommand))
            {
                words = [palette, defaultCommand];
            }

            if (words.Count < 2)
            {
                HelpWriter.Palette(globals.Help ? _io.Out : _io.Error, palette);
                return globals.Help ? ExitCodes.Ok : ExitCodes.Usage;
            }

            command = CommandCatalog.Find(palette, words[1])
                ?? throw new UsageException($"'{palette}' has no command '{words[1]}'; 'pbm help {palette}' lists them");
            if (globals.Help)
            {
                HelpWriter.Command(_io.Out, command);
                return ExitCodes.Ok;
            }

            var reader = new ArgumentReader(words.Skip(2));
            if (command.SupportsJson)
            {
                context.Json = reader.Flag("--json");
            }

            return await command.Run(reader, context).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            _io.Error.Write($"pbm: {ex.Message}\n");
            if (command is not null)
            {
                _io.Error.Write($"usage: {command.UsageLine}\n");
            }

            return ExitCodes.Usage;
        }
        catch (DaemonUnreachableException ex)
        {
            _io.Error.Write($"pbm: no daemon answers at {ex.Endpoint} ({ex.InnerException?.Message})\n");
            _io.Error.Write(ex.Endpoint.IsUnixSocket
                ? "start one with 'pbm daemon start' (or run pbmd in the foreground)\n"
                : "check the host and port, and that the daemon enables pbm.api.tcp\n");
            return ExitCodes.NoDaemon;
        }
        catch (PbmApiException ex) when (ex.StatusCode == 401)
        {
            _io.Error.Write($"pbm: unauthorized: {ex.Detail ?? ex.Error}\n");
            return ExitCodes.Auth;
        }
        catch (PbmApiException ex)
        {
            _io.Error.Write($"pbm: {ex.Error}\n");
            if (ex.Detail is not null)
            {
                _io.Error.Write($"  {ex.Detail}\n");
            }

            return ExitCodes.Error;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            _io.Error.Write("pbm: cancelled\n");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is IOException or SocketException or TimeoutException or OperationCanceledException)
        {
            _io.Error.Write($"pbm: the connection to the daemon failed: {ex.Message}\n");
            return ExitCodes.Error;
        }
    }

    private async Task<int> HelpAsync(List<string> words, CommandContext context)
    {
        if (words.Count == 0)
        {
            HelpWriter.Overview(_io.Out, await TryListPalettesAsync(context).ConfigureAwait(false));
            return ExitCodes.Ok;
        }

        if (words.Count >= 2 && CommandCatalog.Find(words[0], words[1]) is { } command)
        {
            HelpWriter.Command(_io.Out, command);
            return ExitCodes.Ok;
        }

        if (HelpWriter.Palette(_io.Out, words[0]))
        {
            return ExitCodes.Ok;
        }

        var custom = await TryListPalettesAsync(context).ConfigureAwait(false);
        var palette = custom?.FirstOrDefault(p => p.Name == words[0]);
        if (palette is null)
        {
            _io.Error.Write($"pbm: no palette '{words[0]}'\n");
            return ExitCodes.Usage;
        }

        if (words.Count >= 2 && palette.Commands.FirstOrDefault(c => c.Name == words[1]) is { } remote)
        {
            HelpWriter.Command(_io.Out, palette.Name, remote);
        }
        else
        {
            HelpWriter.Palette(_io.Out, palette);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The daemon's palettes, or null when it cannot be reached (help still works offline).</summary>
    internal static async Task<IReadOnlyList<Contracts.Dtos.PaletteInfo>?> TryListPalettesAsync(CommandContext context)
    {
        try
        {
            return await context.Client.ListPalettesAsync(context.Cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DaemonUnreachableException or PbmApiException or IOException or UsageException)
        {
            return null;
        }
    }
}
