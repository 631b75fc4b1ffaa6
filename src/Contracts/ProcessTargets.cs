namespace ProcessManager.Contracts;

/// <summary>
/// The names a bulk command takes: a process name (or NAME-INDEX), <c>all</c>, or a glob over names with <c>*</c>
/// (any run of characters) and <c>?</c> (one character). Checked by pbm before sending and by the API.
/// </summary>
public static class ProcessTargets
{
    /// <summary>Every process.</summary>
    public const string All = "all";

    /// <summary>The rule as text, for error messages.</summary>
    public const string Rule = "a process name, NAME-INDEX, 'all', or a glob such as 'web-*' (* and ? over " + ProcessNames.Rule + ")";

    /// <summary>True for a glob (has <c>*</c> or <c>?</c>) or <c>all</c>.</summary>
    public static bool IsPattern(string target) => target == All || target.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>True when <paramref name="target"/> is a valid name, glob or <c>all</c>.</summary>
    public static bool IsValid(string? target)
    {
        if (target is null)
        {
            return false;
        }

        if (target == All || ProcessNames.IsValid(target))
        {
            return true;
        }

        // A glob obeys the name rule once its wildcards are read as letters.
        return IsPattern(target) && ProcessNames.IsValid(target.Replace('*', 'x').Replace('?', 'x'));
    }

    /// <summary>True when <paramref name="name"/> matches the glob (or is it); <c>all</c> matches every name.</summary>
    public static bool Matches(string target, string name)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(name);
        return target == All || Glob(target, 0, name, 0);
    }

    private static bool Glob(string pattern, int p, string name, int n)
    {
        // Iterative with one backtrack point for the last '*': linear for the patterns people write.
        int star = -1, mark = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == name[n]))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
