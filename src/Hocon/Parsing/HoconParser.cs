namespace ProcessManager.Hocon;

/// <summary>Recursive-descent parser from tokens to an unresolved tree (substitutions kept as nodes).</summary>
internal sealed partial class HoconParser
{
    private readonly HoconTokenizer _tokens;
    private readonly ParseContext _context;
    private readonly string? _directory;
    private readonly HoconPath? _prefix;
    private readonly List<HoconToken> _lookahead = new(4);
    private readonly List<HoconToken> _keyPieces = new(4);
    private HoconOrigin _lastOrigin;

    // Arrays being parsed around the current token. '+=' inside one is refused, as by the reference
    // implementation: it expands to a substitution of its own path, which cannot point into a list element.
    private int _arrayDepth;

    private HoconParser(string text, string source, string? directory, HoconPath? prefix, ParseContext context)
    {
        _tokens = new HoconTokenizer(text, source);
        _context = context;
        _directory = directory;
        _prefix = prefix;
        _lastOrigin = new HoconOrigin(source, 1);
    }

    /// <param name="prefix">Where an included document sits; its substitutions are made relative to it.</param>
    public static HoconObject Parse(string text, string source, string? directory, HoconPath? prefix, ParseContext context) =>
        new HoconParser(text, source, directory, prefix, context).ParseRoot();

    private HoconOrigin Origin(int line)
    {
        if (_lastOrigin.Line != line)
        {
            _lastOrigin = new HoconOrigin(_tokens.Source, line);
        }

        return _lastOrigin;
    }

    private HoconToken Peek(int offset = 0)
    {
        while (_lookahead.Count <= offset)
        {
            _lookahead.Add(_tokens.Next());
        }

        return _lookahead[offset];
    }

    private HoconToken Consume()
    {
        var token = Peek();
        _lookahead.RemoveAt(0);
        return token;
    }

    private void SkipWhitespace()
    {
        while (Peek().Kind == HoconTokenKind.Whitespace)
        {
            Consume();
        }
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Peek().Kind is HoconTokenKind.Whitespace or HoconTokenKind.Newline)
        {
            Consume();
        }
    }

    private HoconParseException Error(HoconToken at, string reason) => _tokens.Error(at.Line, at.Column, reason);

    private HoconObject ParseRoot()
    {
        SkipWhitespaceAndNewlines();
        var first = Peek();
        if (first.Kind == HoconTokenKind.OpenBracket)
        {
            throw Error(first, "the root of a document must be an object, not an array");
        }

        if (first.Kind != HoconTokenKind.OpenBrace)
        {
            return ParseObjectBody(_prefix, first, braced: false);
        }

        Consume();
        var root = ParseObjectBody(_prefix, first, braced: true);
        SkipWhitespaceAndNewlines();
        var after = Peek();
        if (after.Kind != HoconTokenKind.End)
        {
            throw Error(after, $"unexpected {after.Describe()} after the root object's closing '}}': expected the end of the document");
        }

        return root;
    }

    private void Enter(HoconToken at, int levels = 1)
    {
        _context.Depth += levels;
        if (_context.Depth > _context.Options.MaxNestingDepth)
        {
            throw Error(at, $"nesting is deeper than {_context.Options.MaxNestingDepth} levels (objects, arrays and path keys count)");
        }
    }

    private HoconObject ParseObjectBody(HoconPath? path, HoconToken open, bool braced)
    {
        var fields = new Dictionary<string, HoconValue>(StringComparer.Ordinal);
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Peek();
            if (token.Kind == HoconTokenKind.CloseBrace)
            {
                if (!braced)
                {
                    throw Error(token, "unexpected '}': there is no '{' for it to close");
                }

                Consume();
                break;
            }

            if (token.Kind == HoconTokenKind.End)
            {
                if (braced)
                {
                    throw Error(token, $"expected '}}' to close the object opened at line {open.Line}, column {open.Column}, before the end of input");
                }

                break;
            }

            if (token.Kind == HoconTokenKind.Unquoted && token.Text == "include")
            {
                ParseInclude(fields, path);
            }
            else
            {
                ParseField(fields, path);
            }

            SkipWhitespace();
            var after = Peek();
            switch (after.Kind)
            {
                case HoconTokenKind.Comma:
                    Consume();
                    SkipWhitespaceAndNewlines();
                    if (Peek().Kind == HoconTokenKind.Comma)
                    {
                        throw Error(Peek(), "unexpected ',': two commas in a row (expected a key or '}')");
                    }

                    break;
                case HoconTokenKind.Newline or HoconTokenKind.CloseBrace or HoconTokenKind.End:
                    break;
                default:
                    throw Error(after, $"unexpected {after.Describe()} after a field's value: expected ',', a newline or '}}'");
            }
        }

        return new HoconObject(fields, Origin(open.Line));
    }

    private void ParseField(Dictionary<string, HoconValue> fields, HoconPath? path)
    {
        var keyStart = Peek();
        var pieces = _keyPieces;
        pieces.Clear();
        while (Peek().IsKeyPiece)
        {
            pieces.Add(Consume());
        }

        var key = PathExpressionParser.FromPieces(pieces, _tokens, keyStart.Line, keyStart.Column)
            ?? throw Error(Peek(), $"unexpected {Peek().Describe()}: expected a key (or '}}')");
        SkipWhitespaceAndNewlines();
        var separator = Peek();
        var fullPath = path is null ? key : path.Append(key);
        Enter(keyStart, key.Length);
        HoconValue value;
        switch (separator.Kind)
        {
            case HoconTokenKind.Colon or HoconTokenKind.Equals:
                Consume();
                SkipWhitespaceAndNewlines();
                value = ParseValue(fullPath);
                break;
            case HoconTokenKind.PlusEquals:
                if (_arrayDepth > 0)
                {
                    throw Error(separator, $"'+=' cannot be used inside an array ('{key}' would be a list element); set the field outside the array and refer to it with ${{}}");
                }

                Consume();
                SkipWhitespaceAndNewlines();
                var origin = Origin(separator.Line);

                // The appended value becomes a list element, so a '+=' inside it is refused too.
                _arrayDepth++;
                var appended = ParseValue(fullPath);
                _arrayDepth--;
                value = new HoconConcatenation(
                    [new HoconSubstitution(fullPath, optional: true, origin), new HoconArray([appended], origin)], origin);
                break;
            case HoconTokenKind.OpenBrace:
                value = ParseValue(fullPath);
                break;
            default:
                throw Error(separator, $"unexpected {separator.Describe()} after key '{key}': expected ':', '=', '+=' or '{{'");
        }

        _context.Depth -= key.Length;
        SetField(fields, key, value);
    }

    private static void SetField(Dictionary<string, HoconValue> fields, HoconPath key, HoconValue value)
    {
        for (var i = key.Length - 1; i > 0; i--)
        {
            value = new HoconObject(new Dictionary<string, HoconValue>(1, StringComparer.Ordinal) { [key[i]] = value }, value.Origin);
        }

        fields[key[0]] = fields.TryGetValue(key[0], out var old) ? HoconMerge.Merge(old, value) : value;
    }

    private HoconValue ParseValue(HoconPath path)
    {
        var start = Peek();
        Enter(start);
        HoconValue? single = null;
        List<HoconValue>? pieces = null;
        var trailingWhitespace = 0;
        while (true)
        {
            var token = Peek();
            HoconValue piece;
            switch (token.Kind)
            {
                case HoconTokenKind.Whitespace:
                    Consume();
                    if (single is null)
                    {
                        continue;
                    }

                    piece = new HoconString(token.Text, Origin(token.Line), isWhitespace: true);
                    trailingWhitespace++;
                    break;
                case HoconTokenKind.OpenBrace:
                    Consume();
                    piece = ParseObjectBody(path, token, braced: true);
                    trailingWhitespace = 0;
                    break;
                case HoconTokenKind.OpenBracket:
                    Consume();
                    piece = ParseArray(path, token);
                    trailingWhitespace = 0;
                    break;
                case HoconTokenKind.Quoted or HoconTokenKind.Unquoted:
                    Consume();
                    piece = new HoconString(token.Text, Origin(token.Line));
                    trailingWhitespace = 0;
                    break;
                case HoconTokenKind.Number:
                    Consume();
                    piece = HoconNumber.TryParse(token.Text, Origin(token.Line)) ?? throw Error(token, $"'{token.Text}' is not a number");
                    trailingWhitespace = 0;
                    break;
                case HoconTokenKind.True or HoconTokenKind.False:
                    Consume();
                    piece = new HoconBoolean(token.Kind == HoconTokenKind.True, Origin(token.Line));
                    trailingWhitespace = 0;
                    break;
                case HoconTokenKind.Null:
                    Consume();
                    piece = new HoconNull(Origin(token.Line));
                    trailingWhitespace = 0;
                    break;
                case HoconTokenKind.Substitution:
                    Consume();
                    var target = PathExpressionParser.FromPieces(token.Pieces!, _tokens, token.Line, token.Column)
                        ?? throw Error(token, "substitution has no path");
                    piece = new HoconSubstitution(_prefix is null ? target : _prefix.Append(target), token.Optional, Origin(token.Line));
                    trailingWhitespace = 0;
                    break;
                default:
                    if (single is null)
                    {
                        throw Error(token, $"unexpected {token.Describe()}: expected a value");
                    }

                    _context.Depth--;
                    return Finish(single, pieces, trailingWhitespace);
            }

            if (single is null)
            {
                single = piece;
            }
            else
            {
                pieces ??= [single];
                pieces.Add(piece);
            }
        }
    }

    private static HoconValue Finish(HoconValue single, List<HoconValue>? pieces, int trailingWhitespace)
    {
        if (pieces is null)
        {
            return single;
        }

        pieces.RemoveRange(pieces.Count - trailingWhitespace, trailingWhitespace);
        if (pieces.Count == 1)
        {
            return pieces[0];
        }

        var consolidated = HoconConcat.Consolidate(pieces);
        return consolidated.Count == 1 ? consolidated[0] : new HoconConcatenation(consolidated, single.Origin);
    }

    private HoconArray ParseArray(HoconPath path, HoconToken open)
    {
        var items = new List<HoconValue>();
        _arrayDepth++;
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Peek();
            if (token.Kind == HoconTokenKind.CloseBracket)
            {
                Consume();
                break;
            }

            if (token.Kind == HoconTokenKind.End)
            {
                throw Error(token, $"expected ']' to close the array opened at line {open.Line}, column {open.Column}, before the end of input");
            }

            if (token.Kind == HoconTokenKind.Comma)
            {
                throw Error(token, "unexpected ',' in an array: expected a value or ']'");
            }

            items.Add(ParseValue(path));
            SkipWhitespace();
            var after = Peek();
            switch (after.Kind)
            {
                case HoconTokenKind.Comma:
                    Consume();
                    break;
                case HoconTokenKind.Newline or HoconTokenKind.CloseBracket:
                    break;
                case HoconTokenKind.End:
                    throw Error(after, $"expected ']' to close the array opened at line {open.Line}, column {open.Column}, before the end of input");
                default:
                    throw Error(after, $"unexpected {after.Describe()} after an array element: expected ',', a newline or ']'");
            }
        }

        _arrayDepth--;
        return new HoconArray(items, Origin(open.Line));
    }
}
