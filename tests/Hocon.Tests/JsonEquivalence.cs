using System.Text.Json;

namespace ProcessManager.Hocon.Tests;

/// <summary>JSON values compared as the conformance rule states: key order ignored, numbers by value, types strict.</summary>
internal static class JsonEquivalence
{
    public static bool Equal(JsonElement a, JsonElement b) => Difference(a, b, "$") is null;

    /// <summary>Null when equal; otherwise the first difference as a JSON path and description.</summary>
    public static string? Difference(JsonElement a, JsonElement b, string path)
    {
        if (a.ValueKind != b.ValueKind && !(IsBool(a) && IsBool(b) && a.ValueKind == b.ValueKind))
        {
            return $"{path}: {a.ValueKind} {Show(a)} vs {b.ValueKind} {Show(b)}";
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var left = a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                var right = b.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                foreach (var key in left.Keys.Union(right.Keys, StringComparer.Ordinal))
                {
                    if (!left.TryGetValue(key, out var l))
                    {
                        return $"{path}.{key}: missing on the left";
                    }

                    if (!right.TryGetValue(key, out var r))
                    {
                        return $"{path}.{key}: missing on the right";
                    }

                    if (Difference(l, r, $"{path}.{key}") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                {
                    return $"{path}: array length {a.GetArrayLength()} vs {b.GetArrayLength()}";
                }

                for (var i = 0; i < a.GetArrayLength(); i++)
                {
                    if (Difference(a[i], b[i], $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            case JsonValueKind.Number:
                return a.GetDouble() == b.GetDouble() ? null : $"{path}: {a.GetRawText()} vs {b.GetRawText()}";
            case JsonValueKind.String:
                return a.GetString() == b.GetString() ? null : $"{path}: {Show(a)} vs {Show(b)}";
            default:
                return null;
        }
    }

    private static bool IsBool(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False;

    private static string Show(JsonElement e) => e.GetRawText() is { Length: > 80 } s ? s[..77] + "..." : e.GetRawText();
}
