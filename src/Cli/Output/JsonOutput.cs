using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cli.Output;

/// <summary>The <c>--json</c> output: the API's DTOs with their stable camelCase field names, indented.</summary>
internal static class JsonOutput
{
    /// <summary>Indented variant of the contracts' source-generated context.</summary>
    public static ContractsJsonContext Context { get; } = new(new JsonSerializerOptions(ContractsJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Writes <paramref name="value"/> as JSON plus a newline.</summary>
    public static void Write<T>(TextWriter writer, T value, Func<ContractsJsonContext, JsonTypeInfo<T>> typeInfo)
    {
        writer.Write(JsonSerializer.Serialize(value, typeInfo(Context)));
        writer.Write('\n');
    }

    /// <summary>Writes <paramref name="value"/> with a type info of pbm's own context, plus a newline.</summary>
    public static void Write<T>(TextWriter writer, T value, JsonTypeInfo<T> typeInfo)
    {
        writer.Write(JsonSerializer.Serialize(value, typeInfo));
        writer.Write('\n');
    }
}
