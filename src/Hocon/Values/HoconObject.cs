namespace ProcessManager.Hocon;

/// <summary>An object: fields in the order they were first set.</summary>
public sealed class HoconObject : HoconValue
{
    private readonly Dictionary<string, HoconValue> _fields;
    private readonly bool _resolved;

    public HoconObject(IEnumerable<KeyValuePair<string, HoconValue>> fields, HoconOrigin origin)
        : this(new Dictionary<string, HoconValue>(fields, StringComparer.Ordinal), origin)
    {
    }

    /// <summary>Takes ownership of <paramref name="fields"/>; callers never mutate it afterwards.</summary>
    internal HoconObject(Dictionary<string, HoconValue> fields, HoconOrigin origin) : base(origin)
    {
        _fields = fields;
        _resolved = true;
        foreach (var value in fields.Values)
        {
            if (!value.IsResolved)
            {
                _resolved = false;
                break;
            }
        }
    }

    public static HoconObject Empty { get; } = new(new Dictionary<string, HoconValue>(StringComparer.Ordinal), HoconOrigin.Code);

    public IReadOnlyDictionary<string, HoconValue> Fields => _fields;

    public IEnumerable<string> Keys => _fields.Keys;

    public int Count => _fields.Count;

    public override HoconValueType Type => HoconValueType.Object;

    public override bool IsResolved => _resolved;

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HoconValue? value) =>
        _fields.TryGetValue(key, out value);
}
