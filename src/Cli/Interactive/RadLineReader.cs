using RadLine;
using Spectre.Console;

namespace ProcessManager.Cli.Interactive;

/// <summary>The terminal line editor: prompt with the target, tab completion, history (RadLine).</summary>
internal sealed class RadLineReader : ILineReader
{
    private readonly LineEditor _editor;

    /// <summary>Creates the editor with a prompt, completion and the lines of earlier sessions.</summary>
    public RadLineReader(string prompt, CompletionModel completion, IEnumerable<string> history)
    {
        _editor = new LineEditor
        {
            Prompt = new LineEditorPrompt($"[green]{Markup.Escape(prompt)}[/]"),
            Completion = new Adapter(completion),
        };
        foreach (var line in history)
        {
            _editor.History.Add(line);
        }
    }

    /// <summary>True when the console can run the editor (an ANSI, interactive terminal).</summary>
    public static bool IsSupported() => LineEditor.IsSupported(AnsiConsole.Console);

    /// <inheritdoc />
    public Task<string?> ReadLineAsync(CancellationToken cancellation) => _editor.ReadLine(cancellation);

    /// <inheritdoc />
    public void Remember(string line)
    {
        // RadLine adds submitted lines to its own history.
    }

    private sealed class Adapter(CompletionModel model) : ITextCompletion
    {
        public IEnumerable<string>? GetCompletions(string prefix, string word, string suffix) => model.Complete(prefix, word).ToList();
    }
}
