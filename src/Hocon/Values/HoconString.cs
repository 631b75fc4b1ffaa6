namespace ProcessManager.Hocon;

public sealed class HoconString : HoconValue
{
    public HoconString(string value, HoconOrigin origin) : this(value, origin, isWhitespace: false) { }

    internal HoconString(string value, HoconOrigin origin, bool isWhitespace) : base(origin)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
        IsWhitespace = isWhitespace;
    }

    public string Value { get; }

    /// <summary>Unquoted whitespace between the parts of a concatenation; dropped next to objects and arrays.</summary>
    internal bool IsWhitespace { get; }

    public override HoconValueType Type => HoconValueType.String;

    internal override string ConcatText => Value;
}
