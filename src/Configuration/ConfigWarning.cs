using ProcessManager.Hocon;

namespace ProcessManager.Configuration;

/// <summary>Something in the configuration that is probably a mistake but does not stop loading.</summary>
public sealed record ConfigWarning(string Path, string Message, HoconOrigin? Origin)
{
    public override string ToString() => Origin is null ? $"warning: {Message}" : $"{Origin}: warning: {Message}";
}
