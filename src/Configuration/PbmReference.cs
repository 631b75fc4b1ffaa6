using ProcessManager.Hocon;

namespace ProcessManager.Configuration;

/// <summary>The built-in reference.conf (hocon/reference.conf, embedded): every setting with its default.</summary>
public static class PbmReference
{
    public const string OriginName = "reference.conf";

    private static readonly Lazy<string> Text = new(ReadText);

    /// <summary>The text of the embedded reference.conf.</summary>
    public static string ConfText => Text.Value;

    /// <summary>reference.conf parsed but not resolved, to merge under other sources before resolving.</summary>
    public static Config Unresolved() =>
        ConfigurationFactory.ParseString(ConfText, new HoconParseOptions { OriginDescription = OriginName, Resolve = false });

    private static string ReadText()
    {
        using var stream = typeof(PbmReference).Assembly.GetManifestResourceStream("ProcessManager.Configuration.reference.conf")
            ?? throw new InvalidOperationException("reference.conf is not embedded in ProcessManager.Configuration");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
