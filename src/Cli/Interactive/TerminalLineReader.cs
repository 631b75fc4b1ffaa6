using System.Text;

namespace ProcessManager.Cli.Interactive;

/// <summary>
/// The console's reader on a terminal: keys one by one (<see cref="Console.ReadKey(bool)"/>) into a
/// <see cref="LineEditor"/>, the line redrawn with ANSI sequences. Ctrl-C is read as a key while a line is edited (it
/// drops the line) and is a signal again while a command runs (it cancels the command).
/// </summary>
internal sealed class TerminalLineReader : ILineReader
{
    private const string Green = "\u001b[32m";
    private const string Reset = "\u001b[0m";

    private readonly string _prompt;
    private readonly LineEditor _editor;
    private readonly TextWriter _output;
    private readonly Func<ConsoleKeyInfo> _readKey;

    /// <summary>Creates the reader: the prompt, completion, earlier lines, and (for tests) where keys come from and output goes.</summary>
    public TerminalLineReader(string prompt, CompletionModel completion, IEnumerable<string> history, TextWriter? output = null, Func<ConsoleKeyInfo>? readKey = null)
    {
        _prompt = prompt;
        _editor = new LineEditor(history, completion.Complete);
        _output = output ?? Console.Out;
        _readKey = readKey ?? (() => Console.ReadKey(intercept: true));
    }

    /// <summary>True when stdin and stdout are a terminal that understands ANSI sequences.</summary>
    public static bool IsSupported() =>
        !Console.IsInputRedirected && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is { Length: > 0 } term && term != "dumb";

    /// <inheritdoc />
    public Task<string?> ReadLineAsync(CancellationToken cancellation)
    {
        var treatControlC = !Console.IsInputRedirected && Console.TreatControlCAsInput;
        SetControlCAsInput(true);
        try
        {
            return Task.FromResult(ReadLine(cancellation));
        }
        finally
        {
            SetControlCAsInput(treatControlC);
        }
    }

    /// <inheritdoc />
    public void Remember(string line) => _editor.Remember(line);

    private string? ReadLine(CancellationToken cancellation)
    {
        _editor.Reset();
        Draw();
        while (!cancellation.IsCancellationRequested)
        {
            switch (_editor.Handle(_readKey()))
            {
                case EditorAction.Submit:
                    _output.Write("\r\n");
                    _output.Flush();
                    return _editor.Text;
                case EditorAction.EndOfInput:
                    _output.Write("\r\n");
                    _output.Flush();
                    return null;
                case EditorAction.Cancel:
                    _output.Write("^C\r\n");
                    _editor.Reset();
                    break;
                case EditorAction.ClearScreen:
                    _output.Write("\u001b[H\u001b[2J");
                    break;
                case EditorAction.ShowChoices:
                    _output.Write("\r\n");
                    _output.Write(Columns(_editor.Choices));
                    break;
                case EditorAction.Bell:
                    _output.Write('\a');
                    break;
            }

            Draw();
        }

        return null;
    }

    private void Draw()
    {
        var line = new StringBuilder()
            .Append('\r').Append(Green).Append(_prompt).Append(Reset)
            .Append(_editor.Text)
            .Append("\u001b[K");
        var back = _editor.Text.Length - _editor.Cursor;
        if (back > 0)
        {
            line.Append("\u001b[").Append(back).Append('D');
        }

        _output.Write(line.ToString());
        _output.Flush();
    }

    /// <summary>The choices in columns as wide as the widest, filling the terminal's width.</summary>
    internal static string Columns(IReadOnlyList<string> choices, int width = 0)
    {
        if (width <= 0)
        {
            width = Console.IsOutputRedirected ? 80 : Math.Max(20, Console.WindowWidth);
        }

        var cell = choices.Max(c => c.Length) + 2;
        var perLine = Math.Max(1, width / cell);
        var text = new StringBuilder();
        for (var i = 0; i < choices.Count; i++)
        {
            text.Append(choices[i].PadRight(i % perLine == perLine - 1 || i == choices.Count - 1 ? 0 : cell));
            if (i % perLine == perLine - 1 || i == choices.Count - 1)
            {
                text.Append("\r\n");
            }
        }

        return text.ToString();
    }

    private static void SetControlCAsInput(bool value)
    {
        if (!Console.IsInputRedirected)
        {
            Console.TreatControlCAsInput = value;
        }
    }
}
