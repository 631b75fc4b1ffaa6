using System.Text;

namespace ProcessManager.Cli.Infrastructure;

/// <summary>One named target in <c>~/.pbm/contexts</c>.</summary>
/// <param name="CaFile">PEM certificates trusted for an https:// host besides the system store.</param>
internal sealed record PbmContext(string Name, string Host, string? Token, string? TokenFile, string? CaFile = null);

/// <summary>
/// Named targets, like kubectl's contexts. The file is INI-shaped:
/// <code>
/// current = prod
/// [prod]
/// host = https://10.0.0.5:7300
/// token-file = ~/.pbm/prod.token
/// ca-file = ~/.pbm/prod-ca.pem
/// </code>
/// </summary>
internal sealed record PbmContexts(string? Current, IReadOnlyDictionary<string, PbmContext> Contexts)
{
    /// <summary>No contexts.</summary>
    public static PbmContexts Empty { get; } = new(null, new Dictionary<string, PbmContext>());

    /// <summary>Reads the file; a missing file is empty; a malformed line is a <see cref="UsageException"/> naming file and line.</summary>
    public static PbmContexts Load(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        string? current = null;
        var contexts = new Dictionary<string, PbmContext>(StringComparer.Ordinal);
        string? section = null;
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (line[^1] != ']' || line.Length < 3)
                {
                    throw new UsageException($"{path}:{i + 1}: a section is written [name]");
                }

                section = line[1..^1].Trim();
                contexts[section] = new PbmContext(section, string.Empty, null, null);
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"{path}:{i + 1}: expected 'key = value', got '{line}'");
            }

            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (section is null)
            {
                if (key != "current")
                {
                    throw new UsageException($"{path}:{i + 1}: only 'current' may come before the first [context]");
                }

                current = value;
                continue;
            }

            var context = contexts[section];
            contexts[section] = key switch
            {
                "host" => context with { Host = value },
                "token" => context with { Token = value },
                "token-file" => context with { TokenFile = value },
                "ca-file" => context with { CaFile = value },
                _ => throw new UsageException($"{path}:{i + 1}: unknown key '{key}' (host, token, token-file, ca-file)"),
            };
        }

        foreach (var context in contexts.Values.Where(c => c.Host.Length == 0))
        {
            throw new UsageException($"{path}: context [{context.Name}] has no host");
        }

        return new PbmContexts(current, contexts);
    }

    /// <summary>These contexts with <paramref name="context"/> added or replaced.</summary>
    public PbmContexts With(PbmContext context) =>
        this with { Contexts = new Dictionary<string, PbmContext>(Contexts, StringComparer.Ordinal) { [context.Name] = context } };

    /// <summary>These contexts without <paramref name="name"/>; the current context is cleared when it was that one.</summary>
    public PbmContexts Without(string name)
    {
        var contexts = new Dictionary<string, PbmContext>(Contexts, StringComparer.Ordinal);
        contexts.Remove(name);
        return new PbmContexts(Current == name ? null : Current, contexts);
    }

    /// <summary>
    /// Why <paramref name="name"/> cannot name a context, or null when it can: it becomes a <c>[section]</c>
    /// and a command-line word, so letters, digits, '.', '_' and '-' only.
    /// </summary>
    public static string? CheckName(string name)
    {
        if (name.Length is 0 or > 64)
        {
            return "a context name has 1 to 64 characters";
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return $"a context name has letters, digits, '.', '_' and '-' only, not '{c}' (in '{name}')";
            }
        }

        return null;
    }

    /// <summary>
    /// Writes the file atomically (a 0600 temp file in the same folder, then a rename: it may hold tokens, and a
    /// crash leaves either the old or the new file, never half of one).
    /// </summary>
    public void Save(string path)
    {
        var text = new StringBuilder("# pbm contexts: named daemon targets (pbm --context NAME; pbm context list|use|set|delete)\n");
        if (Current is not null)
        {
            text.Append("current = ").Append(Current).Append('\n');
        }

        foreach (var context in Contexts.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            text.Append('\n').Append('[').Append(context.Name).Append("]\nhost = ").Append(context.Host).Append('\n');
            if (context.Token is not null)
            {
                text.Append("token = ").Append(context.Token).Append('\n');
            }

            if (context.TokenFile is not null)
            {
                text.Append("token-file = ").Append(context.TokenFile).Append('\n');
            }

            if (context.CaFile is not null)
            {
                text.Append("ca-file = ").Append(context.CaFile).Append('\n');
            }
        }

        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        try
        {
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text.ToString());
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            // FileMode.Create keeps the mode of a leftover temp file: make sure.
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
