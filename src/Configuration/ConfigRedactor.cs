using ProcessManager.Hocon;

namespace ProcessManager.Configuration;

/// <summary>
/// A copy of a configuration with its secrets replaced by <see cref="Redacted"/>, for printing: every value of an
/// <c>env</c> block (apps' environment values) and every setting named like a secret (password, secret, token,
/// connection-string, credentials), at any depth, akka.* included.
/// </summary>
public static class ConfigRedactor
{
    /// <summary>What a secret value is printed as.</summary>
    public const string Redacted = "<redacted>";

    private static readonly string[] SecretWords = ["password", "passwd", "secret", "token", "connection-string", "connectionstring", "credential", "private-key", "api-key"];

    /// <summary>The config with secrets redacted.</summary>
    public static Config Redact(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new Config((HoconObject)Redact(config.Root, secret: false));
    }

    /// <summary>True when a setting of this name holds a secret (a file or path naming where one is, is not one).</summary>
    public static bool IsSecretKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.EndsWith("-file", StringComparison.OrdinalIgnoreCase) || key.EndsWith("-path", StringComparison.OrdinalIgnoreCase) || key.EndsWith("_file", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return SecretWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    private static HoconValue Redact(HoconValue value, bool secret) => value switch
    {
        HoconObject obj => new HoconObject(
            obj.Fields.Select(field => KeyValuePair.Create(field.Key, Redact(field.Value, secret || field.Key == "env" || IsSecretKey(field.Key)))),
            obj.Origin),
        _ when secret && value.Type is not HoconValueType.Null => new HoconString(Redacted, value.Origin),
        _ => value,
    };
}
