namespace ProcessManager.Hocon;

/// <summary>Adjacent values on one line (<c>${a} foo [1] ${b}</c>) joined once their substitutions are resolved.</summary>
internal sealed class HoconConcatenation(IReadOnlyList<HoconValue> pieces, HoconOrigin origin) : HoconValue(origin)
{
    public IReadOnlyList<HoconValue> Pieces { get; } = pieces;

    public override HoconValueType Type => HoconValueType.Unresolved;

    public override bool IsResolved => false;
}
