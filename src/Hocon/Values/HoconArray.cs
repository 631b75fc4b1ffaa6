namespace ProcessManager.Hocon;

public sealed class HoconArray : HoconValue
{
    private readonly bool _resolved;

    public HoconArray(IReadOnlyList<HoconValue> items, HoconOrigin origin) : base(origin)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
        _resolved = true;
        foreach (var item in items)
        {
            if (!item.IsResolved)
            {
                _resolved = false;
                break;
            }
        }
    }

    public IReadOnlyList<HoconValue> Items { get; }

    public override HoconValueType Type => HoconValueType.Array;

    public override bool IsResolved => _resolved;
}
