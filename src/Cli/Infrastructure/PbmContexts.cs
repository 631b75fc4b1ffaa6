using System.Text;

namespace ProcessManager.Cli.Infrastructure;

/// <summary>One named target in <c>~/.pbm/contexts</c>.</summary>
internal sealed record PbmContext(string Name, string Host, string? Token, string? TokenFile);

/// <summary>
/// Named targets, like kubectl's contexts. The file is INI-shaped:
/// <code>
/// current = prod
/// [prod]
/// host = https://10.0.0.5:7878
/// token-file = ~/.pbm/prod.token
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
                _ => throw new UsageException($"{path}:{i + 1}: unknown key '{key}' (host, token, token-file)"),
            };
        }

        foreach (var context in contexts.Values.Where(c => c.Host.Length == 0))
        {
            throw new UsageException($"{path}: context [{context.Name}] has no host");
        }

        return new PbmContexts(current, contexts);
    }

    /// <summary>Writes the file (mode 0600: it may hold tokens).</summary>
    public void Save(string path)
    {
        var text = new StringBuilder("# pbm contexts: named daemon targets (pbm --context NAME)\n");
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
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        using var writer = new StreamWriter(new FileStream(path, options));
        writer.Write(text.ToString());
    }
}
