using Microsoft.AspNetCore.Http;
using ProcessManager.Configuration;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Api;

/// <summary>
/// Answers leave secrets out unless the caller asks with <c>?show-secrets=true</c>: environment values (details
/// <c>env.NAME</c>) and arguments of the form <c>--password=VALUE</c> become <see cref="ConfigRedactor.Redacted"/>.
/// Only callers the API admitted can ask: Unix socket callers (by the socket's mode) and TCP callers with the token.
/// </summary>
internal static class SecretRedaction
{
    /// <summary>Prefix of the description details that hold environment variables.</summary>
    public const string EnvPrefix = "env.";

    /// <summary>True when the request asks for secrets: <c>show-secrets=true</c> (or 1).</summary>
    public static bool Requested(HttpContext context) =>
        context.Request.Query["show-secrets"].ToString() is "true" or "1";

    public static ProcessDescription Apply(ProcessDescription description, bool showSecrets)
    {
        if (showSecrets)
        {
            return description;
        }

        return description with
        {
            Command = [.. description.Command.Select(RedactArgument)],
            Details = description.Details.ToDictionary(
                pair => pair.Key,
                pair => pair.Key.StartsWith(EnvPrefix, StringComparison.Ordinal) ? ConfigRedactor.Redacted : pair.Value,
                StringComparer.Ordinal),
        };
    }

    /// <summary><c>--password=s3cret</c> becomes <c>--password=&lt;redacted&gt;</c>; other arguments are kept.</summary>
    private static string RedactArgument(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && ConfigRedactor.IsSecretKey(argument[..equals].TrimStart('-'))
            ? argument[..(equals + 1)] + ConfigRedactor.Redacted
            : argument;
    }
}
