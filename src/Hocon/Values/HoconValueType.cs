namespace ProcessManager.Hocon;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The names are the HOCON/JSON value types.")]
public enum HoconValueType
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,

    /// <summary>A substitution, concatenation or merge that has not been resolved yet (only in unresolved configs).</summary>
    Unresolved,
}
