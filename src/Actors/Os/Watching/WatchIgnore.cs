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
    private static readonly System.Buffers.SearchValues<char> Wildcards = System.Buffers.SearchValues.Create("*?");

    // Globs without a wildcard ("node_modules", "__pycache__") are compared as strings: building a non-backtracking
    // regex costs milliseconds of JIT and CPU each, which the daemon's start paid for the plugin watcher's one literal.
    private readonly HashSet<string> _literalNames;
    private readonly HashSet<string> _literalPaths;
    private readonly Regex[] _names;
    private readonly Regex[] _paths;

    public WatchIgnore(IEnumerable<string> globs)
    {
        ArgumentNullException.ThrowIfNull(globs);
        var all = globs.Select(glob => glob.Trim().TrimEnd('/')).Where(glob => glob.Length > 0).ToList();
        var names = all.Where(glob => !glob.Contains('/', StringComparison.Ordinal)).ToList();
        var paths = all.Where(glob => glob.Contains('/', StringComparison.Ordinal)).Select(glob => glob.TrimStart('/')).ToList();
        _literalNames = new HashSet<string>(names.Where(IsLiteral), StringComparer.Ordinal);
        _literalPaths = new HashSet<string>(paths.Where(IsLiteral), StringComparer.Ordinal);
        _names = [.. names.Where(glob => !IsLiteral(glob)).Select(ToRegex)];
        _paths = [.. paths.Where(glob => !IsLiteral(glob)).Select(ToRegex)];
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
            if (_literalNames.Contains(component) || _names.Any(name => name.IsMatch(component)))
            {
                return true;
            }
        }

        // A path pattern also covers everything below what it matches.
        var prefix = relativePath;
        while (true)
        {
            if (_literalPaths.Contains(prefix) || _paths.Any(path => path.IsMatch(prefix)))
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

    private static bool IsLiteral(string glob) => glob.AsSpan().IndexOfAny(Wildcards) < 0;

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
