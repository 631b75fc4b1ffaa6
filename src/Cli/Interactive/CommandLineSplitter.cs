using System.Text;

namespace ProcessManager.Cli.Interactive;

/// <summary>Splits a console line into words: whitespace separates, single or double quotes group, backslash escapes.</summary>
internal static class CommandLineSplitter
{
    /// <summary>The words of <paramref name="line"/>; an unclosed quote is an error naming its column.</summary>
    public static IReadOnlyList<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        var quoteColumn = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else if (c == '\\' && quote == '"' && i + 1 < line.Length)
                {
                    word.Append(line[++i]);
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                quoteColumn = i + 1;
                inWord = true;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (quote is not null)
        {
            throw new Infrastructure.UsageException($"unclosed {quote} quote at column {quoteColumn}");
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
