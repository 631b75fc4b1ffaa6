using System.Text.RegularExpressions;

namespace ProcessManager.Contracts;

/// <summary>The one rule for process and log names, checked by the API and by pbm before sending.</summary>
public static partial class ProcessNames
{
    /// <summary>The rule as text, for error messages.</summary>
    public const string Rule = "1-64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit";

    /// <summary>True when <paramref name="name"/> is a valid process name (which also rules out path traversal).</summary>
    public static bool IsValid(string? name) => name is not null && NamePattern().IsMatch(name);

    // \A and \z: '$' also matches before a final newline, which would let "web\n" through.
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
