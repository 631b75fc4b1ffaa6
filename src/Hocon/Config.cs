using System.Diagnostics.CodeAnalysis;

namespace ProcessManager.Hocon;

/// <summary>
/// An immutable configuration tree with typed getters. Paths are HOCON path expressions (<c>a.b."c.d"</c>).
/// Getters without a default throw <see cref="ConfigMissingException"/> when the path is missing or null and
/// <see cref="ConfigWrongTypeException"/> when the value has another type; both name the path and where it was set.
/// </summary>
public sealed partial class Config
{
    public Config(HoconObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root;
    }

    public static Config Empty { get; } = new(HoconObject.Empty);

    public HoconObject Root { get; }

    public bool IsEmpty => Root.Count == 0;

    /// <summary>False while substitutions remain (a config parsed with Resolve = false, or merged with one).</summary>
    public bool IsResolved => Root.IsResolved;

    /// <summary>Resolves substitutions against this whole config.</summary>
    /// <exception cref="HoconResolveException">A substitution is undefined, part of a cycle or of the wrong type.</exception>
    public Config Resolve(HoconResolveOptions? options = null) =>
        IsResolved ? this : new Config(HoconResolver.Resolve(Root, options ?? HoconResolveOptions.Default));

    /// <summary>This config with <paramref name="fallback"/> underneath: objects merge deeply, this config's values win.</summary>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (fallback.IsEmpty || ReferenceEquals(fallback, this))
        {
            return this;
        }

        return IsEmpty ? fallback : new Config(HoconMerge.MergeObjects(fallback.Root, Root));
    }

    /// <summary>True when the path has a value other than null.</summary>
    public bool HasPath(string path) => TryGetValue(path, out var value) && value.Type != HoconValueType.Null;

    /// <summary>The value at the path (null values included); null when missing.</summary>
    public HoconValue? GetValue(string path) => TryGetValue(path, out var value) ? value : null;

    public bool TryGetValue(string path, [NotNullWhen(true)] out HoconValue? value)
    {
        var parsed = HoconPath.Parse(path);
        HoconValue current = Root;
        for (var i = 0; i < parsed.Length; i++)
        {
            if (current is not HoconObject obj)
            {
                if (current.Type == HoconValueType.Unresolved)
                {
                    throw new ConfigurationException($"'{path}' cannot be read before the config is resolved", current.Origin);
                }

                value = null;
                return false;
            }

            if (!obj.TryGetValue(parsed[i], out var next))
            {
                value = null;
                return false;
            }

            current = next;
        }

        value = current;
        return true;
    }

    /// <summary>The object at the path as a config; empty when missing.</summary>
    public Config GetConfig(string path)
    {
        var value = Find(path, required: false);
        return value switch
        {
            null => Empty,
            HoconObject obj => new Config(obj),
            _ => throw new ConfigWrongTypeException(path, "object", value),
        };
    }

    /// <summary>The keys of the object at the path (empty when missing).</summary>
    public IReadOnlyCollection<string> GetObjectKeys(string path) => GetConfig(path).Root.Fields.Keys.ToArray();

    /// <summary>The root object's fields, in the order they were first set.</summary>
    public IEnumerable<KeyValuePair<string, HoconValue>> AsEnumerable() => Root.Fields;

    /// <summary>Renders as HOCON text (pretty, with origins as comments when asked).</summary>
    public string ToHocon(HoconRenderOptions? options = null) => HoconRenderer.Render(Root, options ?? HoconRenderOptions.Pretty);

    /// <summary>Renders as JSON (indented unless <paramref name="indented"/> is false).</summary>
    public string ToJson(bool indented = true) => HoconRenderer.Render(Root, indented ? HoconRenderOptions.Json : HoconRenderOptions.JsonCompact);

    public override string ToString() => ToHocon();

    private HoconValue? Find(string path, bool required)
    {
        if (!TryGetValue(path, out var value) || value.Type == HoconValueType.Null)
        {
            return required ? throw new ConfigMissingException(path, value?.Origin) : null;
        }

        if (value.Type == HoconValueType.Unresolved)
        {
            throw new ConfigurationException($"'{path}' cannot be read before the config is resolved", value.Origin);
        }

        return value;
    }
}
