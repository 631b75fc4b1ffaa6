using System.Text;

namespace ProcessManager.Hocon;

/// <summary>A parsed path expression: <c>a.b."c.d"</c> is the three keys a, b and c.d.</summary>
public sealed class HoconPath : IEquatable<HoconPath>
{
    private readonly string[] _keys;

    public HoconPath(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("A path has at least one key.", nameof(keys));
        }

        _keys = [.. keys];
    }

    private HoconPath(string[] keys, bool _) => _keys = keys;

    public IReadOnlyList<string> Keys => _keys;

    public int Length => _keys.Length;

    public string this[int index] => _keys[index];

    /// <summary>Parses a path expression; throws <see cref="ConfigurationException"/> when it is malformed.</summary>
    public static HoconPath Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return IsSimple(expression) ? new HoconPath(expression.Split('.'), false) : PathExpressionParser.Parse(expression);
    }

    public HoconPath Append(string key) => new([.. _keys, key], false);

    public HoconPath Append(HoconPath other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new([.. _keys, .. other._keys], false);
    }

    internal static HoconPath Of(string[] keys) => new(keys, false);

    /// <summary>True when this path equals <paramref name="prefix"/> or lies below it.</summary>
    public bool StartsWith(HoconPath prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix._keys.Length > _keys.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix._keys.Length; i++)
        {
            if (!string.Equals(_keys[i], prefix._keys[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public HoconPath? Skip(int count) => count >= _keys.Length ? null : new(_keys[count..], false);

    public bool Equals(HoconPath? other) => other is not null && _keys.AsSpan().SequenceEqual(other._keys);

    public override bool Equals(object? obj) => Equals(obj as HoconPath);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var key in _keys)
        {
            hash.Add(key, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>The path as an expression, quoting keys that need it.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < _keys.Length; i++)
        {
            if (i > 0)
            {
                sb.Append('.');
            }

            AppendKey(sb, _keys[i]);
        }

        return sb.ToString();
    }

    internal static void AppendKey(StringBuilder sb, string key)
    {
        if (NeedsQuotes(key))
        {
            HoconRenderer.AppendQuoted(sb, key);
        }
        else
        {
            sb.Append(key);
        }
    }

    /// <summary>Letters, digits, '-' and '_' separated by single dots: splitting at the dots is the whole parse.</summary>
    private static bool IsSimple(string expression)
    {
        if (expression.Length == 0 || expression[0] == '.' || expression[^1] == '.')
        {
            return false;
        }

        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '.' ? expression[i - 1] == '.' : !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool NeedsQuotes(string key)
    {
        if (key.Length == 0 || key is "true" or "false" or "null" or "include")
        {
            return true;
        }

        if (key[0] == '-' || char.IsAsciiDigit(key[0]))
        {
            return true;
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return true;
            }
        }

        return false;
    }
}
