using System.Text.Json.Serialization;

namespace ProcessManager.Cli.Output;

/// <summary>One row of <c>pbm context list --json</c>; the token itself is never printed.</summary>
/// <param name="Name">Context name.</param>
/// <param name="Host">Target, as <c>--host</c> takes it.</param>
/// <param name="TokenFile">File the token is read from, if any.</param>
/// <param name="HasInlineToken">True when the contexts file holds the token itself.</param>
/// <param name="Current">True for the current context.</param>
internal sealed record ContextEntry(string Name, string Host, string? TokenFile, bool HasInlineToken, bool Current);

/// <summary>Source-generated serializers for pbm's own <c>--json</c> output (no reflection: pbm is published Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<ContextEntry>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
