namespace ProcessManager.Hocon;

/// <summary>An immutable node of a configuration tree. Every node knows where it was set.</summary>
public abstract class HoconValue
{
    protected HoconValue(HoconOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        Origin = origin;
    }

    public HoconOrigin Origin { get; }

    public abstract HoconValueType Type { get; }

    /// <summary>False when this node or one below it still holds a substitution.</summary>
    public virtual bool IsResolved => true;

    /// <summary>The text a scalar contributes to a string concatenation; null for objects and arrays.</summary>
    internal virtual string? ConcatText => null;

    /// <summary>The value as HOCON text (objects braced, compact).</summary>
    public override string ToString() => HoconRenderer.Render(this, HoconRenderOptions.Compact);
}
