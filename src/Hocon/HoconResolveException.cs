namespace ProcessManager.Hocon;

/// <summary>A substitution could not be resolved: undefined, part of a cycle, or of incompatible type.</summary>
public sealed class HoconResolveException : ConfigurationException
{
    public HoconResolveException() { }

    public HoconResolveException(string message) : base(message) { }

    public HoconResolveException(string message, Exception inner) : base(message, inner) { }

    public HoconResolveException(string message, HoconOrigin? origin) : base(message, origin) { }

    /// <summary>The same error with its message kept as is (it already names the location).</summary>
    internal HoconResolveException(HoconResolveException inner) : base(inner.Origin, inner.Message, messageHasLocation: true)
    {
        IsCycle = inner.IsCycle;
    }

    /// <summary>The substitution needs a value that is itself still being resolved.</summary>
    public bool IsCycle { get; init; }

    /// <summary>Not yet seen by any substitution: the innermost one around the cycle may still make it undefined.</summary>
    internal bool DroppableByOptional { get; init; }
}
