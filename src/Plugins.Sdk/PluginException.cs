namespace ProcessManager.Plugins.Sdk;

/// <summary>Thrown by a handler to answer a request with an error (the worker keeps running).</summary>
public sealed class PluginException : Exception
{
    public PluginException()
    {
    }

    public PluginException(string message) : base(message)
    {
    }

    public PluginException(string message, Exception inner) : base(message, inner)
    {
    }
}
