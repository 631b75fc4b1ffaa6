using System.Text;

namespace ProcessManager.Cli.Interactive;

/// <summary>What a key asks of the terminal around the editor.</summary>
internal enum EditorAction
{
    /// <summary>Redraw the line.</summary>
    Redraw,

    /// <summary>The line is done (Enter).</summary>
    Submit,

    /// <summary>Ctrl-D on an empty line: no more input.</summary>
    EndOfInput,

    /// <summary>Ctrl-C: the line is dropped; a fresh prompt follows.</summary>
    Cancel,

    /// <summary>Ctrl-L: clear the screen, then redraw.</summary>
    ClearScreen,

    /// <summary>Tab with several choices: show <see cref="LineEditor.Choices"/> under the line, then redraw.</summary>
    ShowChoices,

    /// <summary>Nothing to do (a key that changes nothing, or Tab with no choice): ring the bell.</summary>
    Bell,
}

/// <summary>
/// The console's line editing, as a state machine over keys (no terminal here, so it is tested key by key): editing,
/// history (Up/Down; Down past the newest line returns to the line being typed, empty if it was), completion (Tab
/// completes the one choice and adds a space; with several it completes their common start and lists them, and
/// each further Tab cycles through them), Ctrl-A/E/U/K/W/L/C/D as in a shell.
/// </summary>
internal sealed class LineEditor
{
    private readonly StringBuilder _buffer = new();
    private readonly List<string> _history;
    private readonly int _historyCapacity;
    private readonly Func<string, string, IEnumerable<string>> _complete;

    /// <summary>Index into the history while walking it; equal to its count on the line being typed.</summary>
    private int _historyIndex;

    /// <summary>The line being typed, kept while Up and Down walk the history.</summary>
    private string _draft = string.Empty;

    /// <summary>The choices a run of Tabs cycles through; null when the last key was not Tab.</summary>
    private IReadOnlyList<string>? _cycle;

    /// <summary>Which choice of <see cref="_cycle"/> is shown; -1 before the first.</summary>
    private int _cycleIndex;

    /// <summary>Where the completed word starts, and how long the text a cycle inserted is.</summary>
    private int _wordStart;
    private int _insertedLength;

    /// <summary>Creates an editor with earlier lines (oldest first) and a completion source (text before the word, the word).</summary>
    public LineEditor(IEnumerable<string> history, Func<string, string, IEnumerable<string>> complete, int historyCapacity = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(historyCapacity, 1);
        _historyCapacity = historyCapacity;
        _history = [.. history.TakeLast(historyCapacity)];
        _historyIndex = _history.Count;
        _complete = complete;
    }

    /// <summary>The line as typed so far.</summary>
    public string Text => _buffer.ToString();

    /// <summary>The cursor's position in <see cref="Text"/>.</summary>
    public int Cursor { get; private set; }

    /// <summary>The choices of the last Tab that had several.</summary>
    public IReadOnlyList<string> Choices { get; private set; } = [];

    /// <summary>Starts a new line (after a submit or cancel).</summary>
    public void Reset()
    {
        _buffer.Clear();
        Cursor = 0;
        _historyIndex = _history.Count;
        _draft = string.Empty;
        _cycle = null;
    }

    /// <summary>Adds a submitted line to the history (not twice in a row; the oldest go first past the capacity).</summary>
    public void Remember(string line)
    {
        if (line.Length > 0 && (_history.Count == 0 || _history[^1] != line))
        {
            _history.Add(line);
            if (_history.Count > _historyCapacity)
            {
                _history.RemoveAt(0);
            }
        }

        _historyIndex = _history.Count;
    }

    /// <summary>Applies one key.</summary>
    public EditorAction Handle(ConsoleKeyInfo key)
    {
        if (key.Key != ConsoleKey.Tab)
        {
            _cycle = null;
        }

        var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
        if (control)
        {
            switch (key.Key)
            {
                case ConsoleKey.A:
                    Cursor = 0;
                    return EditorAction.Redraw;
                case ConsoleKey.E:
                    Cursor = _buffer.Length;
                    return EditorAction.Redraw;
                case ConsoleKey.U:
                    _buffer.Remove(0, Cursor);
                    Cursor = 0;
                    return EditorAction.Redraw;
                case ConsoleKey.K:
                    _buffer.Remove(Cursor, _buffer.Length - Cursor);
                    return EditorAction.Redraw;
                case ConsoleKey.W:
                    DeleteWordBefore();
                    return EditorAction.Redraw;
                case ConsoleKey.L:
                    return EditorAction.ClearScreen;
                case ConsoleKey.C:
                    return EditorAction.Cancel;
                case ConsoleKey.D when _buffer.Length == 0:
                    return EditorAction.EndOfInput;
                case ConsoleKey.D:
                    return Delete();
            }
        }

        switch (key.Key)
        {
            case ConsoleKey.Enter:
                return EditorAction.Submit;
            case ConsoleKey.Tab:
                return Complete();
            case ConsoleKey.Backspace:
                if (Cursor == 0)
                {
                    return EditorAction.Bell;
                }

                _buffer.Remove(--Cursor, 1);
                return EditorAction.Redraw;
            case ConsoleKey.Delete:
                return Delete();
            case ConsoleKey.LeftArrow:
                Cursor = Math.Max(0, Cursor - 1);
                return EditorAction.Redraw;
            case ConsoleKey.RightArrow:
                Cursor = Math.Min(_buffer.Length, Cursor + 1);
                return EditorAction.Redraw;
            case ConsoleKey.Home:
                Cursor = 0;
                return EditorAction.Redraw;
            case ConsoleKey.End:
                Cursor = _buffer.Length;
                return EditorAction.Redraw;
            case ConsoleKey.UpArrow:
                return Walk(-1);
            case ConsoleKey.DownArrow:
                return Walk(+1);
        }

        if (key.KeyChar >= ' ' && !control)
        {
            _buffer.Insert(Cursor++, key.KeyChar);
            return EditorAction.Redraw;
        }

        return EditorAction.Bell;
    }

    private EditorAction Delete()
    {
        if (Cursor >= _buffer.Length)
        {
            return EditorAction.Bell;
        }

        _buffer.Remove(Cursor, 1);
        return EditorAction.Redraw;
    }

    private void DeleteWordBefore()
    {
        var start = Cursor;
        while (start > 0 && _buffer[start - 1] == ' ')
        {
            start--;
        }

        while (start > 0 && _buffer[start - 1] != ' ')
        {
            start--;
        }

        _buffer.Remove(start, Cursor - start);
        Cursor = start;
    }

    private EditorAction Walk(int step)
    {
        var target = _historyIndex + step;
        if (target < 0 || target > _history.Count)
        {
            return EditorAction.Bell;
        }

        if (_historyIndex == _history.Count)
        {
            _draft = Text;
        }

        _historyIndex = target;
        Replace(target == _history.Count ? _draft : _history[target]);
        return EditorAction.Redraw;
    }

    private void Replace(string text)
    {
        _buffer.Clear().Append(text);
        Cursor = _buffer.Length;
    }

    private EditorAction Complete()
    {
        if (_cycle is { Count: > 0 } cycle)
        {
            // A further Tab: the next choice takes the place of the one shown.
            _cycleIndex = (_cycleIndex + 1) % cycle.Count;
            Insert(cycle[_cycleIndex] + " ");
            return EditorAction.Redraw;
        }

        var text = Text[..Cursor];
        _wordStart = text.LastIndexOf(' ') + 1;
        var word = text[_wordStart..];
        var choices = _complete(text[.._wordStart], word).Distinct(StringComparer.Ordinal).ToList();
        _insertedLength = word.Length;
        switch (choices.Count)
        {
            case 0:
                return EditorAction.Bell;
            case 1:
                Insert(choices[0] + " ");
                return EditorAction.Redraw;
            default:
                Insert(CommonStart(choices));
                Choices = choices;
                _cycle = choices;
                _cycleIndex = -1;
                return EditorAction.ShowChoices;
        }
    }

    /// <summary>Puts <paramref name="text"/> where the word (or the last inserted choice) is.</summary>
    private void Insert(string text)
    {
        _buffer.Remove(_wordStart, _insertedLength).Insert(_wordStart, text);
        _insertedLength = text.Length;
        Cursor = _wordStart + text.Length;
    }

    private static string CommonStart(List<string> choices)
    {
        var length = choices[0].Length;
        foreach (var choice in choices)
        {
            length = Math.Min(length, choice.Length);
            for (var i = 0; i < length; i++)
            {
                if (choice[i] != choices[0][i])
                {
                    length = i;
                    break;
                }
            }
        }

        return choices[0][..length];
    }
}
