using System.Text;

namespace ProcessManager.Hocon;

/// <summary>Builds a path from key pieces: unquoted text splits at dots, quoted text never does.</summary>
internal static class PathExpressionParser
{
    public static HoconPath Parse(string expression)
    {
        var tokenizer = new HoconTokenizer(expression, "path expression");
        var pieces = new List<HoconToken>();
        try
        {
            for (var token = tokenizer.Next(); token.Kind != HoconTokenKind.End; token = tokenizer.Next())
            {
                if (!token.IsKeyPiece)
                {
                    throw new ConfigurationException($"invalid path '{expression}': unexpected {token.Describe()}");
                }

                pieces.Add(token);
            }
        }
        catch (HoconParseException e)
        {
            throw new ConfigurationException($"invalid path '{expression}': {e.Reason}", e);
        }

        return FromPieces(pieces, tokenizer, 1, 1) ?? throw new ConfigurationException($"invalid path '{expression}': it is empty");
    }

    /// <summary>Null when there are no pieces besides whitespace; throws on an empty key element.</summary>
    public static HoconPath? FromPieces(List<HoconToken> pieces, HoconTokenizer tokenizer, int line, int column)
    {
        var first = 0;
        var last = pieces.Count - 1;
        while (first <= last && pieces[first].Kind == HoconTokenKind.Whitespace)
        {
            first++;
        }

        while (last >= first && pieces[last].Kind == HoconTokenKind.Whitespace)
        {
            last--;
        }

        if (first > last)
        {
            return null;
        }

        if (first == last && (pieces[first].Kind == HoconTokenKind.Quoted || !pieces[first].Text.Contains('.', StringComparison.Ordinal)))
        {
            return HoconPath.Of([pieces[first].Text]);
        }

        var keys = new List<string>(4);
        var current = new StringBuilder();
        var started = false;
        for (var i = first; i <= last; i++)
        {
            var piece = pieces[i];
            if (piece.Kind is HoconTokenKind.Quoted or HoconTokenKind.Whitespace)
            {
                current.Append(piece.Text);
                started = true;
                continue;
            }

            var text = piece.Text;
            var segmentStart = 0;
            for (var j = 0; j <= text.Length; j++)
            {
                if (j < text.Length && text[j] != '.')
                {
                    continue;
                }

                current.Append(text, segmentStart, j - segmentStart);
                started |= j > segmentStart;
                if (j < text.Length)
                {
                    if (!started)
                    {
                        throw tokenizer.Error(piece.Line, piece.Column, $"path '{Describe(pieces, first, last)}' has an empty element: put it in quotes (\"\") if you want an empty key");
                    }

                    keys.Add(current.ToString());
                    current.Clear();
                    started = false;
                }

                segmentStart = j + 1;
            }
        }

        if (!started)
        {
            throw tokenizer.Error(line, column, $"path '{Describe(pieces, first, last)}' ends with '.': expected a key after the dot");
        }

        keys.Add(current.ToString());
        return HoconPath.Of([.. keys]);
    }

    private static string Describe(List<HoconToken> pieces, int first, int last)
    {
        var sb = new StringBuilder();
        for (var i = first; i <= last; i++)
        {
            sb.Append(pieces[i].Kind == HoconTokenKind.Quoted ? $"\"{pieces[i].Text}\"" : pieces[i].Text);
        }

        return sb.ToString();
    }
}
