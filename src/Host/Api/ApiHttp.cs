using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using ProcessManager.Contracts;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Api;

/// <summary>Reading and writing JSON on the API, with the checks every handler needs.</summary>
internal static class ApiHttp
{
    // JSON for programs, never embedded in HTML: escaping quotes and apostrophes as \uXXXX only hurts readability.
    public static readonly ContractsJsonContext Json = new(new JsonSerializerOptions(ContractsJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static readonly string[] IsoFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];

    public static async Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpContext context, int statusCode, string error, string? detail) =>
        WriteAsync(context, new ApiError(error, detail), Json.ApiError, statusCode);

    public static void NoContent(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
    {
        if (context.Request.ContentType is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, "the body must be JSON", $"send Content-Type: application/json, not {contentType}");
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted).ConfigureAwait(false)
                ?? throw new ApiException(StatusCodes.Status400BadRequest, "the body is empty", $"send a JSON {typeof(T).Name}");
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {ex.BytePositionInLine + 1}" : string.Empty;
            throw new ApiException(StatusCodes.Status400BadRequest, "the body is not valid JSON" + where, ex.Path is null ? null : $"at {ex.Path}");
        }
    }

    /// <summary>The route's process name, checked against the naming rule (which also stops path traversal).</summary>
    public static string Name(HttpContext context, string key = "name", string what = "process")
    {
        var name = context.Request.RouteValues[key] as string ?? string.Empty;
        if (!ProcessNames.IsValid(name))
        {
            throw ApiException.InvalidName(what, name);
        }

        return name;
    }

    public static int QueryInt(HttpContext context, string key, int defaultValue, int min, int max)
    {
        var text = context.Request.Query[key].ToString();
        if (text.Length == 0)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, $"query '{key}' must be a whole number from {min} to {max}", $"got '{text}'");
        }

        return value;
    }

    /// <summary>An ISO-8601 instant from the query (a time without an offset is UTC), or null when absent.</summary>
    public static DateTimeOffset? QueryTime(HttpContext context, string key)
    {
        var text = context.Request.Query[key].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        // An unescaped '+' of an offset arrives as a space; read it as the '+' the caller meant.
        var iso = text.Replace(' ', '+');
        if (!DateTimeOffset.TryParseExact(iso, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, $"query '{key}' must be an ISO-8601 time such as 2026-11-22T10:00:00Z", $"got '{text}'");
        }

        return value;
    }
}
