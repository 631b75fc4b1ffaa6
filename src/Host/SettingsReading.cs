using ProcessManager.Hocon;

namespace ProcessManager.Host;

/// <summary>What the settings readers of the host share: optional strings, and range checks turned into config errors.</summary>
internal static class SettingsReading
{
    /// <summary>Null for a missing or blank value.</summary>
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Runs the settings' own range checks; a failure is a <see cref="ConfigurationException"/> naming the key.</summary>
    public static T Validated<T>(T settings, Action<T> validate)
    {
        try
        {
            validate(settings);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationException(ex.Message);
        }

        return settings;
    }
}
