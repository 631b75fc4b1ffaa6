using System.Runtime.CompilerServices;

namespace ProcessManager.Hocon;

/// <summary>
/// Replaces substitutions with the values they refer to, looking them up in the whole merged tree.
/// A substitution that refers to the field being set (or below it) sees the value that field had before
/// (<c>path = ${path} [x]</c>); anything that needs itself to be resolved first is a cycle.
/// </summary>
internal sealed class HoconResolver
{
    private readonly HoconObject _root;
    private readonly HoconResolveOptions _options;
    private readonly Dictionary<HoconValue, HoconValue?> _resolved = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconValue> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly List<HoconSubstitution> _lookups = [];
    private int _depth;

    // Counts optional substitutions that were dropped because of a cycle. A value computed while one was
    // dropped depends on where resolution started, so it is not remembered (it is recomputed when needed).
    private int _cyclesDropped;

    private HoconResolver(HoconObject root, HoconResolveOptions options)
    {
        _root = root;
        _options = options;
    }

    public static HoconObject Resolve(HoconObject root, HoconResolveOptions options)
    {
        if (root.IsResolved)
        {
            return root;
        }

        return (HoconObject)new HoconResolver(root, options).ResolveValue(root, null, null)!;
    }

    /// <summary>While the later value of a field at <paramref name="Path"/> resolves, references to it see <paramref name="Previous"/>.</summary>
    private sealed record SelfReference(HoconPath Path, HoconValue? Previous, SelfReference? Outer);

    /// <summary>Resolves the value of the field at <paramref name="path"/>; null when it is undefined.</summary>
    private HoconValue? ResolveField(HoconValue value, HoconPath path, SelfReference? self)
    {
        if (value.IsResolved)
        {
            return value;
        }

        return value is HoconSubstitution or HoconConcatenation
            ? ResolveValue(value, path, new SelfReference(path, null, self))
            : ResolveValue(value, path, self);
    }

    private HoconValue? ResolveValue(HoconValue value, HoconPath? path, SelfReference? self)
    {
        if (value.IsResolved)
        {
            return value;
        }

        if (_resolved.TryGetValue(value, out var done))
        {
            return done;
        }

        if (!_inProgress.Add(value))
        {
            throw Cycle(value);
        }

        _depth++;
        if (_depth > _options.MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new HoconResolveException($"substitutions are nested deeper than {_options.MaxDepth} levels", value.Origin);
        }

        var cyclesDropped = _cyclesDropped;
        try
        {
            var result = value switch
            {
                HoconObject obj => ResolveObject(obj, path, self),
                HoconArray array => ResolveArray(array, path, self),
                HoconSubstitution substitution => Lookup(substitution, self),
                HoconConcatenation concatenation => ResolveConcatenation(concatenation, path, self),
                HoconDelayedMerge merge => ResolveMerge(merge, path!, self),
                _ => value,
            };
            if (cyclesDropped == _cyclesDropped)
            {
                _resolved[value] = result;
            }

            return result;
        }
        finally
        {
            _depth--;
            _inProgress.Remove(value);
        }
    }

    private HoconObject ResolveObject(HoconObject obj, HoconPath? path, SelfReference? self)
    {
        var fields = new Dictionary<string, HoconValue>(obj.Count, StringComparer.Ordinal);
        foreach (var (key, value) in obj.Fields)
        {
            var resolved = value.IsResolved ? value : ResolveField(value, path is null ? HoconPath.Of([key]) : path.Append(key), self);
            if (resolved is not null)
            {
                fields[key] = resolved;
            }
        }

        return new HoconObject(fields, obj.Origin);
    }

    private HoconArray ResolveArray(HoconArray array, HoconPath? path, SelfReference? self)
    {
        var items = new List<HoconValue>(array.Items.Count);
        foreach (var item in array.Items)
        {
            // An undefined optional substitution leaves no element behind.
            if (ResolveValue(item, path, self) is { } resolved)
            {
                items.Add(resolved);
            }
        }

        return new HoconArray(items, array.Origin);
    }

    private HoconValue? ResolveConcatenation(HoconConcatenation concatenation, HoconPath? path, SelfReference? self)
    {
        var pieces = new List<HoconValue>(concatenation.Pieces.Count);
        foreach (var piece in concatenation.Pieces)
        {
            if (ResolveValue(piece, path, self) is { } resolved)
            {
                pieces.Add(resolved);
            }
        }

        return pieces.Count == 0 ? null : HoconConcat.Join(pieces, concatenation.Origin);
    }

    private HoconValue? ResolveMerge(HoconDelayedMerge merge, HoconPath path, SelfReference? self)
    {
        // Only a substitution or concatenation set over a field can see the field's earlier value; inside a
        // later object or array a reference to the field is a cycle, as in the reference implementation.
        var next = merge.Next is HoconSubstitution or HoconConcatenation
            ? ResolveValue(merge.Next, path, new SelfReference(path, merge.Previous, self))
            : ResolveValue(merge.Next, path, self);

        // Every layer is resolved, even one the later value hides, as the reference implementation does:
        // `a = ${missing}, a = x ${?y}` is an error, while `a = ${missing}, a = 1` is not (a plain value replaces at once).
        var previous = ResolveField(merge.Previous, path, self);
        if (next is null)
        {
            // `a = 1, a = ${?undefined}` leaves a = 1.
            return previous;
        }

        return next is HoconObject nextObject && previous is HoconObject previousObject
            ? HoconMerge.MergeObjects(previousObject, nextObject)
            : next;
    }

    private HoconValue? Lookup(HoconSubstitution substitution, SelfReference? self)
    {
        _lookups.Add(substitution);
        try
        {
            for (var reference = self; reference is not null; reference = reference.Outer)
            {
                if (substitution.Path.StartsWith(reference.Path))
                {
                    var previous = reference.Previous is null ? null : ResolveField(reference.Previous, reference.Path, reference.Outer);
                    return Descend(previous, substitution.Path, reference.Path.Length) ?? Fallback(substitution, selfReference: true);
                }
            }

            return LookupFromRoot(substitution.Path) ?? Fallback(substitution, selfReference: false);
        }
        catch (HoconResolveException e) when (e.DroppableByOptional)
        {
            // The innermost substitution around a cycle decides, as in the reference implementation: an optional
            // one becomes undefined; a required one makes it an error that no outer optional substitution hides.
            if (!substitution.IsOptional)
            {
                throw new HoconResolveException(e);
            }

            _cyclesDropped++;
            return null;
        }
        finally
        {
            _lookups.RemoveAt(_lookups.Count - 1);
        }
    }

    private HoconValue? LookupFromRoot(HoconPath path)
    {
        HoconValue current = _root;
        for (var i = 0; i < path.Length; i++)
        {
            if (current is not HoconObject obj)
            {
                if (ResolveField(current, HoconPath.Of([.. path.Keys.Take(i)]), null) is not HoconObject resolved)
                {
                    return null;
                }

                obj = resolved;
            }

            if (!obj.TryGetValue(path[i], out var next))
            {
                return null;
            }

            current = next;
        }

        return ResolveField(current, path, null);
    }

    private static HoconValue? Descend(HoconValue? value, HoconPath path, int from)
    {
        for (var i = from; i < path.Length && value is not null; i++)
        {
            value = value is HoconObject obj && obj.TryGetValue(path[i], out var child) ? child : null;
        }

        return value;
    }

    private HoconString? Fallback(HoconSubstitution substitution, bool selfReference)
    {
        if (_options.UseEnvironment && substitution.Path.Length == 1)
        {
            var name = substitution.Path[0];
            var value = _options.Environment is { } environment
                ? environment.GetValueOrDefault(name)
                : System.Environment.GetEnvironmentVariable(name);
            if (value is not null)
            {
                return new HoconString(value, substitution.Origin);
            }
        }

        if (substitution.IsOptional)
        {
            return null;
        }

        var why = selfReference
            ? $"'{substitution.Path}' refers to the field being set, which has no earlier value"
            : $"there is no value at '{substitution.Path}'";
        var environmentNote = _options.UseEnvironment && substitution.Path.Length == 1 ? " and no environment variable of that name" : string.Empty;
        throw new HoconResolveException($"could not resolve substitution {substitution}: {why}{environmentNote}", substitution.Origin);
    }

    private HoconResolveException Cycle(HoconValue value)
    {
        var chain = string.Join(" -> ", _lookups.Select(l => $"{l} ({l.Origin})"));
        var at = _lookups.Count > 0 ? _lookups[^1].Origin : value.Origin;
        return new HoconResolveException($"cycle in substitutions: {chain} needs a value that is still being resolved", at) { IsCycle = true, DroppableByOptional = true };
    }
}
