using System.Text;

namespace ProcessManager.Hocon;

/// <summary>Turns HOCON text into tokens, tracking line and column for error messages.</summary>
internal sealed class HoconTokenizer
{
    // Characters that end unquoted text; most of them are reserved and must be quoted.
    private const string NotInUnquotedText = "$\"{}[]:=,+#`^?!@*&\\";

    private readonly string _text;
    private readonly string _source;
    private readonly StringBuilder _buffer = new();
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    // Set while reading the path of a substitution, where another '${' is an error rather than recursion.
    private bool _inSubstitution;

    public HoconTokenizer(string text, string source)
    {
        _text = text;
        _source = source;
    }

    public string Source => _source;

    public HoconParseException Error(int line, int column, string reason) => new(_source, line, column, reason);

    public HoconToken Next()
    {
        while (true)
        {
            if (_pos >= _text.Length)
            {
                return new HoconToken(HoconTokenKind.End, string.Empty, _line, Column(_pos));
            }

            var c = _text[_pos];
            if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                SkipComment();
                continue;
            }

            var line = _line;
            var column = Column(_pos);
            switch (c)
            {
                case '\n':
                    _pos++;
                    _line++;
                    _lineStart = _pos;
                    return new HoconToken(HoconTokenKind.Newline, "\n", line, column);
                case '{': _pos++; return new HoconToken(HoconTokenKind.OpenBrace, "{", line, column);
                case '}': _pos++; return new HoconToken(HoconTokenKind.CloseBrace, "}", line, column);
                case '[': _pos++; return new HoconToken(HoconTokenKind.OpenBracket, "[", line, column);
                case ']': _pos++; return new HoconToken(HoconTokenKind.CloseBracket, "]", line, column);
                case ',': _pos++; return new HoconToken(HoconTokenKind.Comma, ",", line, column);
                case ':': _pos++; return new HoconToken(HoconTokenKind.Colon, ":", line, column);
                case '=': _pos++; return new HoconToken(HoconTokenKind.Equals, "=", line, column);
                case '+':
                    if (Peek(1) != '=')
                    {
                        throw Error(line, column, "'+' is reserved; it may only start '+=' (put it in quotes to use it in a string)");
                    }

                    _pos += 2;
                    return new HoconToken(HoconTokenKind.PlusEquals, "+=", line, column);
                case '"':
                    return Peek(1) == '"' && Peek(2) == '"' ? TripleQuoted(line, column) : Quoted(line, column);
                case '$':
                    if (_inSubstitution)
                    {
                        throw Error(line, column, "'$' in a substitution's path: substitutions cannot be nested");
                    }

                    if (Peek(1) != '{')
                    {
                        throw Error(line, column, "'$' is reserved; it may only start a substitution '${' (put it in quotes to use it in a string)");
                    }

                    return Substitution(line, column);
                default:
                    break;
            }

            if (HoconWhitespace.IsWhitespaceNotNewline(c))
            {
                var start = _pos;
                while (_pos < _text.Length && HoconWhitespace.IsWhitespaceNotNewline(_text[_pos]))
                {
                    _pos++;
                }

                return new HoconToken(HoconTokenKind.Whitespace, WhitespaceText(start, _pos - start), line, column);
            }

            if (NotInUnquotedText.Contains(c, StringComparison.Ordinal))
            {
                throw Error(line, column, $"reserved character '{c}' is not allowed outside quotes");
            }

            return c == '-' || char.IsAsciiDigit(c) ? NumberOrUnquoted(line, column) : Unquoted(line, column, _pos);
        }
    }

    // Indentation is most of the whitespace in a file; runs of plain spaces share cached strings.
    private static readonly string[] Spaces = [.. Enumerable.Range(0, 65).Select(n => new string(' ', n))];

    private string WhitespaceText(int start, int length)
    {
        if (length < Spaces.Length && _text.AsSpan(start, length).IndexOfAnyExcept(' ') < 0)
        {
            return Spaces[length];
        }

        return _text.Substring(start, length);
    }

    private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private int Column(int pos) => pos - _lineStart + 1;

    private void SkipComment()
    {
        while (_pos < _text.Length && _text[_pos] != '\n')
        {
            _pos++;
        }
    }

    private bool EndsUnquoted(int pos)
    {
        var c = _text[pos];
        return HoconWhitespace.IsWhitespace(c)
            || NotInUnquotedText.Contains(c, StringComparison.Ordinal)
            || (c == '/' && pos + 1 < _text.Length && _text[pos + 1] == '/');
    }

    private HoconToken Unquoted(int line, int column, int start)
    {
        while (_pos < _text.Length && !EndsUnquoted(_pos))
        {
            _pos++;
        }

        var text = _text[start.._pos];
        return text switch
        {
            "true" => new HoconToken(HoconTokenKind.True, text, line, column),
            "false" => new HoconToken(HoconTokenKind.False, text, line, column),
            "null" => new HoconToken(HoconTokenKind.Null, text, line, column),
            _ => new HoconToken(HoconTokenKind.Unquoted, text, line, column),
        };
    }

    private HoconToken NumberOrUnquoted(int line, int column)
    {
        var start = _pos;
        while (_pos < _text.Length && "0123456789eE+-.".Contains(_text[_pos], StringComparison.Ordinal))
        {
            _pos++;
        }

        var text = _text[start.._pos];
        if (HoconNumber.TryParse(text, HoconOrigin.Code) is not null)
        {
            return new HoconToken(HoconTokenKind.Number, text, line, column);
        }

        if (text.Contains('+', StringComparison.Ordinal))
        {
            throw Error(line, column, $"'{text}' is not a number, and '+' is reserved outside quotes");
        }

        // Not a number: the run is the start of unquoted text (e.g. 1.2.3 or -foo).
        return Unquoted(line, column, start);
    }

    private HoconToken Quoted(int line, int column)
    {
        _pos++;
        _buffer.Clear();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error(line, column, "quoted string is not closed: expected '\"' before the end of input");
            }

            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return new HoconToken(HoconTokenKind.Quoted, _buffer.ToString(), line, column);
            }

            if (c == '\n')
            {
                throw Error(_line, Column(_pos), "quoted string is not closed before the end of the line (use \\n or a \"\"\"triple-quoted\"\"\" string)");
            }

            if (c < ' ')
            {
                throw Error(_line, Column(_pos), $"control character U+{(int)c:X4} must be escaped in a quoted string");
            }

            if (c == '\\')
            {
                Escape();
                continue;
            }

            _buffer.Append(c);
            _pos++;
        }
    }

    private void Escape()
    {
        var column = Column(_pos);
        if (_pos + 1 >= _text.Length)
        {
            throw Error(_line, column, "'\\' at the end of input: expected an escape such as \\n or \\\"");
        }

        var e = _text[_pos + 1];
        _pos += 2;
        switch (e)
        {
            case '"': _buffer.Append('"'); break;
            case '\\': _buffer.Append('\\'); break;
            case '/': _buffer.Append('/'); break;
            case 'b': _buffer.Append('\b'); break;
            case 'f': _buffer.Append('\f'); break;
            case 'n': _buffer.Append('\n'); break;
            case 'r': _buffer.Append('\r'); break;
            case 't': _buffer.Append('\t'); break;
            case 'u':
                if (_pos + 4 > _text.Length || !ushort.TryParse(_text.AsSpan(_pos, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var code))
                {
                    throw Error(_line, column, "'\\u' must be followed by four hexadecimal digits");
                }

                _buffer.Append((char)code);
                _pos += 4;
                break;
            default:
                throw Error(_line, column, $"'\\{e}' is not a valid escape: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        }
    }

    private HoconToken TripleQuoted(int line, int column)
    {
        _pos += 3;
        var start = _pos;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error(line, column, "triple-quoted string is not closed: expected '\"\"\"' before the end of input");
            }

            var c = _text[_pos];
            if (c == '"' && Peek(1) == '"' && Peek(2) == '"')
            {
                // A run of more than three quotes closes the string; the extra quotes belong to it.
                var runEnd = _pos + 3;
                while (runEnd < _text.Length && _text[runEnd] == '"')
                {
                    runEnd++;
                }

                var content = _text[start..(runEnd - 3)];
                _pos = runEnd;
                return new HoconToken(HoconTokenKind.Quoted, content, line, column);
            }

            if (c == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
            }

            _pos++;
        }
    }

    private HoconToken Substitution(int line, int column)
    {
        _pos += 2;
        var optional = false;
        if (Peek(0) == '?')
        {
            optional = true;
            _pos++;
        }

        var pieces = new List<HoconToken>();
        _inSubstitution = true;
        try
        {
            return SubstitutionPath(line, column, optional, pieces);
        }
        finally
        {
            _inSubstitution = false;
        }
    }

    private HoconToken SubstitutionPath(int line, int column, bool optional, List<HoconToken> pieces)
    {
        while (true)
        {
            var token = Next();
            switch (token.Kind)
            {
                case HoconTokenKind.CloseBrace:
                    if (pieces.TrueForAll(p => p.Kind == HoconTokenKind.Whitespace))
                    {
                        throw Error(line, column, "substitution '${}' has no path: expected a path such as ${a.b}");
                    }

                    return new HoconToken(HoconTokenKind.Substitution, string.Empty, line, column, optional, pieces);
                case HoconTokenKind.End:
                    throw Error(line, column, "substitution is not closed: expected '}' before the end of input");
                default:
                    if (!token.IsKeyPiece)
                    {
                        throw Error(token.Line, token.Column, $"unexpected {token.Describe()} in substitution: expected a path and '}}'");
                    }

                    pieces.Add(token);
                    break;
            }
        }
    }
}
