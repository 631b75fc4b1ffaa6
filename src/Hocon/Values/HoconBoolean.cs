namespace ProcessManager.Hocon;

public sealed class HoconBoolean(bool value, HoconOrigin origin) : HoconValue(origin)
{
    public bool Value { get; } = value;

    public override HoconValueType Type => HoconValueType.Boolean;

    internal override string ConcatText => Value ? "true" : "false";
}
