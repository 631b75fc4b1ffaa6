namespace ProcessManager.Hocon;

/// <summary>
/// A field set twice where the later value is not a plain object or scalar (it holds a substitution).
/// The earlier value is kept because the later one may refer to it (<c>path = ${path} [x]</c>) or merge with it.
/// </summary>
internal sealed class HoconDelayedMerge(HoconValue previous, HoconValue next) : HoconValue(next.Origin)
{
    public HoconValue Previous { get; } = previous;

    public HoconValue Next { get; } = next;

    public override HoconValueType Type => HoconValueType.Unresolved;

    public override bool IsResolved => false;
}
