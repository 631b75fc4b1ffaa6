using System.Globalization;

namespace ProcessManager.Cli.Infrastructure;

/// <summary>
/// The arguments of one command. A command takes its options first (<see cref="Flag"/>, <see cref="Value"/>),
/// then its positional arguments; whatever is left that looks like an option is an error naming it.
/// Everything after <c>--</c> is passed through untouched (<see cref="Rest"/>).
/// </summary>
internal sealed class ArgumentReader
{
    private readonly List<string> _tokens;

    /// <summary>Splits <paramref name="args"/> at the first <c>--</c>.</summary>
    public ArgumentReader(IEnumerable<string> args)
    {
        var all = args.ToList();
        var separator = all.IndexOf("--");
        if (separator >= 0)
        {
            _tokens = all.GetRange(0, separator);
            Rest = all.GetRange(separator + 1, all.Count - separator - 1);
            HasSeparator = true;
        }
        else
        {
            _tokens = all;
            Rest = [];
        }
    }

    /// <summary>Arguments after <c>--</c>.</summary>
    public IReadOnlyList<string> Rest { get; }

    /// <summary>True when a <c>--</c> was given.</summary>
    public bool HasSeparator { get; }

    /// <summary>The next positional argument, not taken; null when none is left.</summary>
    public string? PeekPositional() => _tokens.Count > 0 ? _tokens[0] : null;

    /// <summary>Takes a flag; true when present.</summary>
    public bool Flag(string name, string? shortName = null)
    {
        var found = false;
        for (var i = _tokens.Count - 1; i >= 0; i--)
        {
            if (_tokens[i] == name || (shortName is not null && _tokens[i] == shortName))
            {
                _tokens.RemoveAt(i);
                found = true;
            }
        }

        return found;
    }

    /// <summary>Takes an option's value (<c>--name V</c> or <c>--name=V</c>); the last one wins.</summary>
    public string? Value(string name, string? shortName = null) => Values(name, shortName) is { Count: > 0 } values ? values[^1] : null;

    /// <summary>Takes every value of a repeatable option, in order.</summary>
    public IReadOnlyList<string> Values(string name, string? shortName = null)
    {
        var values = new List<string>();
        for (var i = 0; i < _tokens.Count;)
        {
            var token = _tokens[i];
            if (token == name || (shortName is not null && token == shortName))
            {
                if (i + 1 >= _tokens.Count)
                {
                    throw new UsageException($"{token} needs a value");
                }

                values.Add(_tokens[i + 1]);
                _tokens.RemoveRange(i, 2);
            }
            else if (token.StartsWith(name + "=", StringComparison.Ordinal))
            {
                values.Add(token[(name.Length + 1)..]);
                _tokens.RemoveAt(i);
            }
            else
            {
                i++;
            }
        }

        return values;
    }

    /// <summary>Takes a whole-number option within a range.</summary>
    public int Number(string name, string? shortName, int defaultValue, int min, int max)
    {
        var text = Value(name, shortName);
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"{name} must be a whole number from {min} to {max}, not '{text}'");
        }

        return value;
    }

    /// <summary>Takes the remaining positional arguments, failing on any unknown option.</summary>
    public IReadOnlyList<string> Positionals(int min, int max, string names)
    {
        var unknown = _tokens.FirstOrDefault(t => t.Length > 1 && t[0] == '-' && !IsNumber(t));
        if (unknown is not null)
        {
            throw new UsageException($"unknown option '{unknown}'");
        }

        if (_tokens.Count < min)
        {
            throw new UsageException($"missing {names}");
        }

        if (_tokens.Count > max)
        {
            throw new UsageException($"unexpected argument '{_tokens[max]}'");
        }

        var result = _tokens.ToList();
        _tokens.Clear();
        return result;
    }

    /// <summary>Fails on anything not taken yet.</summary>
    public void End() => Positionals(0, 0, string.Empty);

    private static bool IsNumber(string token) => double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
