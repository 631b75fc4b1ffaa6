using System.Text;
using System.Text.RegularExpressions;

namespace ProcessManager.Actors.Os.Watching;

/// <summary>
/// The <c>watch-ignore</c> globs: a pattern without '/' matches any one path component ("node_modules", "*.log"), so
/// everything under a matching folder is ignored too; a pattern with '/' matches the path relative to the watched
/// root ("build/*.tmp", "dist/**"). '*' and '?' stay within a component, '**' crosses them.
/// </summary>
internal sealed class WatchIgnore
{
    private readonly Regex[] _names;
    private readonly Regex[] _paths;

    public WatchIgnore(IEnumerable<string> globs)
    {
        ArgumentNullException.ThrowIfNull(globs);
        var all = globs.Select(glob => glob.Trim().TrimEnd('/')).Where(glob => glob.Length > 0).ToList();
        _names = [.. all.Where(glob => !glob.Contains('/', StringComparison.Ordinal)).Select(ToRegex)];
        _paths = [.. all.Where(glob => glob.Contains('/', StringComparison.Ordinal)).Select(glob => ToRegex(glob.TrimStart('/')))];
    }

    /// <summary>True when a change at <paramref name="relativePath"/> (from the watched root, '/'-separated) is ignored.</summary>
    public bool IsIgnored(string relativePath)
    {
        if (relativePath.Length == 0)
        {
            return false;
        }

        foreach (var component in relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (_names.Any(name => name.IsMatch(component)))
            {
                return true;
            }
        }

        // A path pattern also covers everything below what it matches.
        var prefix = relativePath;
        while (true)
        {
            if (_paths.Any(path => path.IsMatch(prefix)))
            {
                return true;
            }

            var slash = prefix.LastIndexOf('/');
            if (slash <= 0)
            {
                return false;
            }

            prefix = prefix[..slash];
        }
    }

    private static Regex ToRegex(string glob)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                pattern.Append(".*");
                i++;
            }
            else
            {
                pattern.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }
}
