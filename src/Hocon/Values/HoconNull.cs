namespace ProcessManager.Hocon;

public sealed class HoconNull(HoconOrigin origin) : HoconValue(origin)
{
    public override HoconValueType Type => HoconValueType.Null;

    internal override string ConcatText => "null";
}
