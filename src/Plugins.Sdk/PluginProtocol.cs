namespace ProcessManager.Plugins.Sdk;

/// <summary>Constants of the worker protocol (src/Actors/Plugins/PROTOCOL.md).</summary>
public static class PluginProtocol
{
    /// <summary>The protocol version this SDK and the daemon speak; a manifest states the one its worker speaks.</summary>
    public const int Version = 1;

    /// <summary>The first request of every worker's life: params {protocol, plugin}; the answer {protocol} makes it ready.</summary>
    public const string HelloMethod = "hello";

    /// <summary>Bytes of the big-endian length that precedes each frame's UTF-8 JSON.</summary>
    public const int LengthPrefixBytes = 4;

    /// <summary>The largest frame either side accepts unless configured otherwise [16 MiB].</summary>
    public const int DefaultMaxFrameBytes = 16 * 1024 * 1024;
}
