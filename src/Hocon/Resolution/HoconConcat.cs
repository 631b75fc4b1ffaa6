namespace ProcessManager.Hocon;

/// <summary>Joins the resolved pieces of a concatenation: strings join, arrays append, objects merge.</summary>
internal static class HoconConcat
{
    public static HoconValue Join(IReadOnlyList<HoconValue> pieces, HoconOrigin origin)
    {
        HoconValue? left = null;
        foreach (var right in pieces)
        {
            left = left is null ? right : JoinTwo(left, right);
        }

        return left ?? throw new HoconResolveException("empty concatenation", origin);
    }

    /// <summary>Joins neighbours that need no substitution to be known (so `{ a = ${x} } foo` fails while parsing).</summary>
    public static List<HoconValue> Consolidate(List<HoconValue> pieces)
    {
        var result = new List<HoconValue>(pieces.Count);
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];

            // Whitespace next to an object or array literal separates nothing, as in the reference implementation.
            if (piece is HoconString { IsWhitespace: true }
                && ((i > 0 && pieces[i - 1] is HoconObject or HoconArray) || (i + 1 < pieces.Count && pieces[i + 1] is HoconObject or HoconArray)))
            {
                continue;
            }

            if (result.Count > 0 && Joinable(result[^1]) && Joinable(piece))
            {
                result[^1] = JoinTwo(result[^1], piece);
            }
            else
            {
                result.Add(piece);
            }
        }

        return result;
    }

    private static bool Joinable(HoconValue value) => value is not (HoconSubstitution or HoconConcatenation or HoconDelayedMerge);

    private static HoconValue JoinTwo(HoconValue left, HoconValue right)
    {
        if (left is HoconString { IsWhitespace: true } leftSpace && right is HoconString { IsWhitespace: true } rightSpace)
        {
            return new HoconString(leftSpace.Value + rightSpace.Value, left.Origin, isWhitespace: true);
        }

        // An object with numeric keys (e.g. from properties a.0, a.1) next to an array is read as an array.
        if (left is HoconObject numberedLeft && right is HoconArray && AsList(numberedLeft) is { } leftList)
        {
            left = leftList;
        }
        else if (left is HoconArray && right is HoconObject numberedRight && AsList(numberedRight) is { } rightList)
        {
            right = rightList;
        }

        if (left is HoconObject leftObject && right is HoconObject rightObject)
        {
            return HoconMerge.MergeObjects(leftObject, rightObject);
        }

        if (left is HoconArray leftArray && right is HoconArray rightArray)
        {
            return new HoconArray([.. leftArray.Items, .. rightArray.Items], leftArray.Origin);
        }

        if (left is HoconObject or HoconArray && right is HoconString { IsWhitespace: true })
        {
            return left;
        }

        var leftText = left.ConcatText;
        var rightText = right.ConcatText;
        if (leftText is null || rightText is null)
        {
            var bad = leftText is null ? right : left;
            var container = leftText is null ? left : right;
            throw new HoconResolveException(
                $"cannot concatenate {Kind(container)} with {Kind(bad)} '{bad}' (only strings, arrays with arrays, or objects with objects join)",
                bad.Origin);
        }

        return new HoconString(leftText + rightText, left.Origin);
    }

    private static HoconArray? AsList(HoconObject obj)
    {
        var numbered = new List<(long Index, HoconValue Value)>();
        foreach (var (key, value) in obj.Fields)
        {
            if (long.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                numbered.Add((index, value));
            }
        }

        return numbered.Count == 0 ? null : new HoconArray([.. numbered.OrderBy(n => n.Index).Select(n => n.Value)], obj.Origin);
    }

    private static string Kind(HoconValue value) => value.Type switch
    {
        HoconValueType.Object => "an object",
        HoconValueType.Array => "an array",
        _ => "a " + value.Type.ToString().ToLowerInvariant(),
    };
}
