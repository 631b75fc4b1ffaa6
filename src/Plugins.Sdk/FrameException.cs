namespace ProcessManager.Plugins.Sdk;

/// <summary>The byte stream is not a sequence of well-formed frames (announced length too large, cut short).</summary>
public sealed class FrameException : IOException
{
    public FrameException()
    {
    }

    public FrameException(string message) : base(message)
    {
    }

    public FrameException(string message, Exception inner) : base(message, inner)
    {
    }
}
