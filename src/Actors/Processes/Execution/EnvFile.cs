using System.Text;

namespace ProcessManager.Actors.Processes.Execution;

/// <summary>
/// Reads an app's <c>env-file</c> (dotenv syntax): <c>KEY=VALUE</c> lines, blank lines and <c># comments</c>, an optional
/// <c>export </c> prefix, values unquoted (trimmed, a <c> #</c> starts a comment), in single quotes (literal) or in
/// double quotes (<c>\n \t \" \\ \$</c> escapes). No variable expansion and no multi-line values: what the file says is
/// what the program gets. The file is read whole with a size bound, at each (re)start of the app.
/// </summary>
public static class EnvFile
{
    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    /// <exception cref="EnvFileException">Missing, unreadable, too large or malformed; the message names the file (and line).</exception>
    public static Dictionary<string, string> Read(string path, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (stream.Length > maxBytes)
            {
                throw new EnvFileException($"{path}: {stream.Length} bytes, larger than env-file-max-size ({maxBytes} bytes)");
            }

            // Read at most one byte past the bound: a file that grows while being read is still refused.
            bytes = new byte[(int)Math.Min(maxBytes + 1, stream.Length + 1)];
            var read = 0;
            int n;
            while (read < bytes.Length && (n = stream.Read(bytes, read, bytes.Length - read)) > 0)
            {
                read += n;
            }

            if (read > maxBytes)
            {
                throw new EnvFileException($"{path}: larger than env-file-max-size ({maxBytes} bytes)");
            }

            Array.Resize(ref bytes, read);
        }
        catch (FileNotFoundException)
        {
            throw new EnvFileException($"{path}: no such file");
        }
        catch (DirectoryNotFoundException)
        {
            throw new EnvFileException($"{path}: no such file (its folder does not exist)");
        }
        catch (UnauthorizedAccessException)
        {
            throw new EnvFileException($"{path}: permission denied");
        }
        catch (IOException error)
        {
            throw new EnvFileException($"{path}: cannot read: {error.Message}");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new EnvFileException($"{path}: not UTF-8 text");
        }

        return Parse(text, path);
    }

    /// <summary>Parses dotenv text; <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="EnvFileException">A malformed line; the message is PATH:LINE: what is wrong.</exception>
    public static Dictionary<string, string> Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var (key, value) = ParseLine(line, error => new EnvFileException($"{path}:{i + 1}: {error}"));
            result[key] = value;
        }

        return result;
    }

    private static (string Key, string Value) ParseLine(string line, Func<string, EnvFileException> fail)
    {
        if (line.StartsWith("export ", StringComparison.Ordinal) || line.StartsWith("export\t", StringComparison.Ordinal))
        {
            line = line[7..].TrimStart();
        }

        var equals = line.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            throw fail("expected KEY=VALUE");
        }

        var key = line[..equals].TrimEnd();
        if (!IsName(key))
        {
            throw fail($"'{key}' is not a variable name (letters, digits and '_', not starting with a digit)");
        }

        var rest = line[(equals + 1)..].TrimStart();
        if (rest.Length == 0)
        {
            return (key, "");
        }

        string value;
        int end;
        switch (rest[0])
        {
            case '\'':
                end = rest.IndexOf('\'', 1);
                if (end < 0)
                {
                    throw fail("unterminated single quote (values end on their line)");
                }

                value = rest[1..end];
                break;
            case '"':
                (value, end) = DoubleQuoted(rest, fail);
                break;
            default:
                var comment = rest.IndexOf(" #", StringComparison.Ordinal);
                var tab = rest.IndexOf("\t#", StringComparison.Ordinal);
                var cut = comment < 0 ? tab : tab < 0 ? comment : Math.Min(comment, tab);
                value = (cut < 0 ? rest : rest[..cut]).TrimEnd();
                end = -1;
                break;
        }

        if (end >= 0)
        {
            var after = rest[(end + 1)..].TrimStart();
            if (after.Length > 0 && after[0] != '#')
            {
                throw fail($"unexpected text after the closing quote: '{after}'");
            }
        }

        return value.Contains('\0', StringComparison.Ordinal) ? throw fail("a value cannot hold a NUL character") : (key, value);
    }

    private static (string Value, int End) DoubleQuoted(string rest, Func<string, EnvFileException> fail)
    {
        var value = new StringBuilder();
        for (var i = 1; i < rest.Length; i++)
        {
            var c = rest[i];
            if (c == '"')
            {
                return (value.ToString(), i);
            }

            if (c != '\\' || i + 1 == rest.Length)
            {
                value.Append(c);
                continue;
            }

            var next = rest[++i];
            value.Append(next switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                _ => next,
            });
        }

        throw fail("unterminated double quote (values end on their line)");
    }

    private static bool IsName(string key) =>
        key.Length > 0
        && (char.IsAsciiLetter(key[0]) || key[0] == '_')
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
