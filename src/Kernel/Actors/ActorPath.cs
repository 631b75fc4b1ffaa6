namespace ProcessManager.Kernel;

/// <summary>Location of an actor in the hierarchy, e.g. <c>/user/processes/web-0</c>.</summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private string? _text;

    private ActorPath(ActorPath? parent, string name, string systemName)
    {
        Parent = parent;
        Name = name;
        SystemName = systemName;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The enclosing path; null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element ("" for the root).</summary>
    public string Name { get; }

    public string SystemName { get; }

    /// <summary>0 for the root, 1 for /user and /system.</summary>
    public int Depth { get; }

    internal static ActorPath CreateRoot(string systemName) => new(null, "", systemName);

    public ActorPath Child(string name) => new(this, name, SystemName);

    /// <summary>Path elements below the root, e.g. ["user", "a"].</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new string[Depth];
            var path = this;
            for (var i = Depth - 1; i >= 0; i--)
            {
                elements[i] = path!.Name;
                path = path.Parent;
            }

            return elements;
        }
    }

    /// <summary>Path with the system address, e.g. <c>pm://sys/user/a</c>.</summary>
    public string ToStringWithAddress() => $"pm://{SystemName}{this}";

    public override string ToString() => _text ??= Parent is null ? "/" : string.Concat(Parent.Parent is null ? "" : Parent.ToString(), "/", Name);

    public bool Equals(ActorPath? other) =>
        other is not null && (ReferenceEquals(this, other) || (Name == other.Name && SystemName == other.SystemName && Depth == other.Depth && ToString() == other.ToString()));

    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    public static bool operator ==(ActorPath? left, ActorPath? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(ActorPath? left, ActorPath? right) => !(left == right);

    public static ActorPath operator /(ActorPath parent, string name) => parent.Child(name);
}
