using System.Text;

namespace ProcessManager.Hocon;

internal sealed partial class HoconParser
{
    private static readonly string[] IncludeKinds = ["file(", "url(", "classpath("];

    private void ParseInclude(Dictionary<string, HoconValue> fields, HoconPath? path)
    {
        var include = Consume();
        var before = new StringBuilder();
        var after = new StringBuilder();
        string? name = null;
        while (Peek().Kind is HoconTokenKind.Whitespace or HoconTokenKind.Unquoted or HoconTokenKind.Quoted)
        {
            var token = Consume();
            if (token.Kind == HoconTokenKind.Quoted)
            {
                if (name is not null)
                {
                    throw Error(token, "an include takes one quoted file name");
                }

                name = token.Text;
            }
            else if (token.Kind == HoconTokenKind.Unquoted)
            {
                (name is null ? before : after).Append(token.Text);
            }
        }

        var spec = before.ToString();
        var required = spec.StartsWith("required(", StringComparison.Ordinal);
        if (required)
        {
            spec = spec["required(".Length..];
        }

        var kind = Array.Find(IncludeKinds, k => spec == k);
        var opened = (required ? 1 : 0) + (kind is null ? 0 : 1);
        if (name is null)
        {
            throw Error(Peek(), $"the include keyword is not followed by a quoted file name but by {Peek().Describe()} (write \"include\" in quotes to use it as a key)");
        }

        if ((spec.Length > 0 && kind is null) || after.ToString() != new string(')', opened))
        {
            throw Error(include, "malformed include: expected include \"name\", include file(\"name\"), include required(\"name\") or include required(file(\"name\"))");
        }

        var included = LoadInclude(kind, name, required, path, include);
        if (included is null)
        {
            return;
        }

        foreach (var (key, value) in included.Fields)
        {
            fields[key] = fields.TryGetValue(key, out var old) ? HoconMerge.Merge(old, value) : value;
        }
    }

    private HoconObject? LoadInclude(string? kind, string name, bool required, HoconPath? path, HoconToken at)
    {
        if (kind is "classpath(" or "url(")
        {
            if (kind == "url(" && name.StartsWith("file:", StringComparison.Ordinal))
            {
                name = new Uri(name).LocalPath;
            }
            else
            {
                throw Error(at, $"{kind}) includes are not supported; use include file(\"...\")");
            }
        }

        if (_directory is null && !Path.IsPathRooted(name))
        {
            return required
                ? throw Error(at, $"required include '{name}' cannot be found: a document parsed from a string has no directory for relative includes")
                : null;
        }

        var fullName = Path.GetFullPath(Path.IsPathRooted(name) ? name : Path.Combine(_directory!, name));
        var included = HoconFileLoader.LoadWithExtensions(fullName, path, _context, Origin(at.Line));
        if (included is null && required)
        {
            throw Error(at, $"required include '{name}' was not found (looked for {fullName}{(Path.HasExtension(name) ? string.Empty : " with .properties, .json and .conf")})");
        }

        return included;
    }
}
