namespace ProcessManager.Actors.Plugins.Manifests;

/// <summary>A manifest cannot be used; <see cref="Errors"/> lists every problem as "file:line: field: message".</summary>
public sealed class ManifestException : Exception
{
    public ManifestException() : this([])
    {
    }

    public ManifestException(string message) : this([message])
    {
    }

    public ManifestException(string message, Exception inner) : base(message, inner)
    {
        Errors = [message];
    }

    public ManifestException(IReadOnlyList<string> errors) : base(string.Join("; ", errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }
}
