using ProcessManager.Cli.Infrastructure;
using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Interactive;

/// <summary>
/// <c>pbm</c> without a command: a prompt showing the target, help per palette and command, completion of palettes,
/// commands and process names, history across sessions. Ctrl-C ends the running command; <c>exit</c> or Ctrl-D ends pbm.
/// </summary>
internal sealed class InteractiveConsole
{
    private readonly PbmApp _app;
    private readonly CommandContext _context;
    private readonly CancelKeyScope _scope;
    private IReadOnlyList<string> _processNames = [];
    private DateTimeOffset _processNamesAt = DateTimeOffset.MinValue;

    /// <summary>Creates the console for the app's target.</summary>
    public InteractiveConsole(PbmApp app, CommandContext context, CancelKeyScope scope)
    {
        _app = app;
        _context = context;
        _scope = scope;
    }

    /// <summary>Runs until exit or end of input.</summary>
    public async Task<int> RunAsync(Func<CompletionModel, IReadOnlyList<string>, ILineReader>? readerFactory = null)
    {
        var io = _context.IO;
        Target target;
        try
        {
            target = _context.Target;
        }
        catch (UsageException ex)
        {
            io.Error.Write($"pbm: {ex.Message}\n");
            return ExitCodes.Usage;
        }

        var palettes = await PbmApp.TryListPalettesAsync(_context).ConfigureAwait(false);
        var terminal = io.IsInputTerminal;
        if (terminal)
        {
            io.Error.Write(palettes is null
                ? $"pbm console: no daemon answers at {target.Endpoint} yet ('daemon start' starts one). 'help' lists commands, 'exit' quits.\n"
                : $"pbm console connected to {target.Endpoint}. 'help' lists commands, Tab completes, 'exit' quits.\n");
        }

        var completion = new CompletionModel(palettes ?? [], ProcessNames, ContextNames);
        var history = new HistoryFile(PbmPaths.HistoryFile(_context.Environment));
        history.Secure();
        ILineReader reader = readerFactory is not null
            ? readerFactory(completion, history.Load())
            : terminal && TerminalLineReader.IsSupported()
                ? new TerminalLineReader($"pbm {target.Endpoint}> ", completion, history.Load())
                : new PlainLineReader(io.In);

        var last = ExitCodes.Ok;
        while (true)
        {
            var line = await reader.ReadLineAsync(CancellationToken.None).ConfigureAwait(false);
            if (line is null)
            {
                return last;
            }

            line = line.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (terminal)
            {
                history.Append(line);
                reader.Remember(line);
            }

            IReadOnlyList<string> words;
            try
            {
                words = CommandLineSplitter.Split(line);
            }
            catch (UsageException ex)
            {
                io.Error.Write($"pbm: {ex.Message}\n");
                last = ExitCodes.Usage;
                continue;
            }

            if (words[0] is "exit" or "quit")
            {
                return last;
            }

            if (words is ["help"] or ["?"])
            {
                ConsoleHelp.Write(io.Out, palettes);
                last = ExitCodes.Ok;
                continue;
            }

            var (globals, rest) = GlobalOptions.Extract(words);
            var merged = _context.Globals with { Help = globals.Help };
            last = await _app.ExecuteAsync(merged, rest.Count == 0 ? ["help"] : rest, _scope.Begin()).ConfigureAwait(false);
            await io.Out.FlushAsync().ConfigureAwait(false);
        }
    }

    private IReadOnlyList<string> ProcessNames()
    {
        // Completion runs on every Tab: ask the daemon at most every two seconds.
        var now = _context.Clock.UtcNow;
        if (now - _processNamesAt < TimeSpan.FromSeconds(2))
        {
            return _processNames;
        }

        _processNamesAt = now;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            _processNames = _context.Client.ListProcessesAsync(timeout.Token).GetAwaiter().GetResult().Select(p => p.Name).ToList();
        }
        catch (Exception ex) when (ex is DaemonUnreachableException or PbmApiException or IOException or OperationCanceledException)
        {
            _processNames = [];
        }

        return _processNames;
    }

    private List<string> ContextNames()
    {
        try
        {
            return PbmContexts.Load(PbmPaths.ContextsFile(_context.Environment)).Contexts.Keys.ToList();
        }
        catch (Exception ex) when (ex is UsageException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
