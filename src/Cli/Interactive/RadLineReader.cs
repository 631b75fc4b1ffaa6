using RadLine;
using Spectre.Console;

namespace ProcessManager.Cli.Interactive;

/// <summary>The terminal line editor: prompt with the target, tab completion, history (RadLine).</summary>
internal sealed class RadLineReader : ILineReader
{
    private readonly LineEditor _editor;
    private bool _endOfInput;

    /// <summary>Creates the editor with a prompt, completion and the lines of earlier sessions.</summary>
    public RadLineReader(string prompt, CompletionModel completion, IEnumerable<string> history)
    {
        _editor = new LineEditor
        {
            Prompt = new LineEditorPrompt($"[green]{Markup.Escape(prompt)}[/]"),
            Completion = new Adapter(completion),
        };

        // Commands are one line: Up and Down walk the history, as in a shell (RadLine binds them to Ctrl+Up/Down),
        // and Ctrl-D on an empty line ends the console (RadLine has no end-of-input key).
        _editor.KeyBindings.Add<PreviousHistoryCommand>(ConsoleKey.UpArrow);
        _editor.KeyBindings.Add<NextHistoryCommand>(ConsoleKey.DownArrow);
        _editor.KeyBindings.Add(ConsoleKey.D, ConsoleModifiers.Control, () => new EndOfInputCommand(this));
        foreach (var line in history)
        {
            _editor.History.Add(line);
        }
    }

    /// <summary>True when the console can run the editor (an ANSI, interactive terminal).</summary>
    public static bool IsSupported() => LineEditor.IsSupported(AnsiConsole.Console);

    /// <inheritdoc />
    public async Task<string?> ReadLineAsync(CancellationToken cancellation)
    {
        var line = await _editor.ReadLine(cancellation).ConfigureAwait(false);
        return _endOfInput ? null : line;
    }

    /// <inheritdoc />
    public void Remember(string line)
    {
        // RadLine adds submitted lines to its own history.
    }

    private sealed class Adapter(CompletionModel model) : ITextCompletion
    {
        public IEnumerable<string>? GetCompletions(string prefix, string word, string suffix) => model.Complete(prefix, word).ToList();
    }

    /// <summary>Ctrl-D: on an empty line, submit it as the end of input; elsewhere nothing (as in a shell).</summary>
    private sealed class EndOfInputCommand(RadLineReader reader) : LineEditorCommand
    {
        public override void Execute(LineEditorContext context)
        {
            if (context.Buffer.Length == 0)
            {
                reader._endOfInput = true;
                context.Submit(SubmitAction.Submit);
            }
        }
    }
}
