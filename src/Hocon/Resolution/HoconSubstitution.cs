namespace ProcessManager.Hocon;

/// <summary><c>${path}</c> or <c>${?path}</c>, replaced by the value at <see cref="Path"/> when the tree is resolved.</summary>
internal sealed class HoconSubstitution(HoconPath path, bool optional, HoconOrigin origin) : HoconValue(origin)
{
    public HoconPath Path { get; } = path;

    public bool IsOptional { get; } = optional;

    public override HoconValueType Type => HoconValueType.Unresolved;

    public override bool IsResolved => false;

    public override string ToString() => IsOptional ? $"${{?{Path}}}" : $"${{{Path}}}";
}
