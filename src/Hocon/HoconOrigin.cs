namespace ProcessManager.Hocon;

/// <summary>Where a value was set: a file (or another description such as "string") and a 1-based line.</summary>
public sealed record HoconOrigin(string Description, int Line)
{
    /// <summary>The origin of values built in code rather than parsed.</summary>
    public static HoconOrigin Code { get; } = new("code", 0);

    public override string ToString() => Line > 0 ? $"{Description}:{Line}" : Description;
}
