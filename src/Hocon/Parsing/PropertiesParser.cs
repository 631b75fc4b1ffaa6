using System.Globalization;
using System.Text;

namespace ProcessManager.Hocon;

/// <summary>Java .properties files: every value is a string; keys split at dots into paths.</summary>
internal static class PropertiesParser
{
    public static HoconObject Parse(string text, string source, int maxDepth)
    {
        var entries = new List<(string[] Path, string Value, int Line)>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var startLine = i + 1;
            var logical = new StringBuilder(lines[i].TrimEnd('\r').TrimStart(' ', '\t', '\f'));
            if (logical.Length == 0 || logical[0] is '#' or '!')
            {
                continue;
            }

            // A line ending in an odd number of backslashes continues on the next line.
            while (EndsWithContinuation(logical) && i + 1 < lines.Length)
            {
                logical.Length--;
                logical.Append(lines[++i].TrimEnd('\r').TrimStart(' ', '\t', '\f'));
            }

            var line = logical.ToString();
            var keyEnd = 0;
            while (keyEnd < line.Length && line[keyEnd] is not ('=' or ':' or ' ' or '\t' or '\f'))
            {
                keyEnd += line[keyEnd] == '\\' ? 2 : 1;
            }

            keyEnd = Math.Min(keyEnd, line.Length);
            var valueStart = keyEnd;
            while (valueStart < line.Length && line[valueStart] is ' ' or '\t' or '\f')
            {
                valueStart++;
            }

            if (valueStart < line.Length && line[valueStart] is '=' or ':')
            {
                valueStart++;
                while (valueStart < line.Length && line[valueStart] is ' ' or '\t' or '\f')
                {
                    valueStart++;
                }
            }

            var key = Unescape(line[..keyEnd], source, startLine);
            if (key.Count(c => c == '.') >= maxDepth)
            {
                throw new HoconParseException(source, startLine, 1, $"key '{key[..Math.Min(key.Length, 40)]}...' is nested deeper than {maxDepth} levels");
            }

            entries.Add((key.Split('.'), Unescape(line[valueStart..], source, startLine), startLine));
        }

        return Build(entries, source);
    }

    private static HoconObject Build(List<(string[] Path, string Value, int Line)> entries, string source)
    {
        // A key that is also the parent of other keys becomes an object; its own value is dropped.
        var parents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, _, _) in entries)
        {
            for (var n = 1; n < path.Length; n++)
            {
                parents.Add(string.Join('\u0000', path, 0, n));
            }
        }

        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (path, value, line) in entries)
        {
            if (parents.Contains(string.Join('\u0000', path)))
            {
                continue;
            }

            var node = root;
            for (var n = 0; n < path.Length - 1; n++)
            {
                if (!node.TryGetValue(path[n], out var child) || child is not Dictionary<string, object> childObject)
                {
                    childObject = new Dictionary<string, object>(StringComparer.Ordinal);
                    node[path[n]] = childObject;
                }

                node = childObject;
            }

            node[path[^1]] = new HoconString(value, new HoconOrigin(source, line));
        }

        return ToObject(root, new HoconOrigin(source, 1));
    }

    private static HoconObject ToObject(Dictionary<string, object> node, HoconOrigin origin)
    {
        var fields = new Dictionary<string, HoconValue>(node.Count, StringComparer.Ordinal);
        foreach (var (key, value) in node)
        {
            fields[key] = value as HoconValue ?? ToObject((Dictionary<string, object>)value, origin);
        }

        return new HoconObject(fields, origin);
    }

    private static bool EndsWithContinuation(StringBuilder line)
    {
        var count = 0;
        for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
        {
            count++;
        }

        return count % 2 == 1;
    }

    private static string Unescape(string text, string source, int line)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                sb.Append(c);
                continue;
            }

            var e = text[++i];
            switch (e)
            {
                case 't': sb.Append('\t'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 'f': sb.Append('\f'); break;
                case 'u':
                    if (text.Length - i - 1 < 4 || !ushort.TryParse(text.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new HoconParseException(source, line, i, "'\\u' must be followed by four hexadecimal digits");
                    }

                    sb.Append((char)code);
                    i += 4;
                    break;
                default: sb.Append(e); break;
            }
        }

        return sb.ToString();
    }
}
