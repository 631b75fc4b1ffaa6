using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ProcessManager.Persistence.Serialization;

/// <summary>
/// Maps event and snapshot types to manifests and JSON (System.Text.Json source-generated
/// <see cref="JsonTypeInfo{T}"/>). The domain registers its types at startup; a manifest, once
/// written, must stay readable: rename a type by keeping its manifest, evolve it by adding
/// members (missing ones read as defaults), or register the old shape as an upcaster.
/// </summary>
public sealed class EventSerializer
{
    private readonly ConcurrentDictionary<Type, Writer> _writers = new();
    private readonly ConcurrentDictionary<string, Func<byte[], object>> _readers = new(StringComparer.Ordinal);

    private sealed record Writer(string Manifest, JsonTypeInfo TypeInfo);

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="manifest"/> for writing and reading.</summary>
    /// <exception cref="ArgumentException">The manifest or the type is registered already.</exception>
    public EventSerializer Register<T>(string manifest, JsonTypeInfo<T> typeInfo)
        where T : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (!_writers.TryAdd(typeof(T), new Writer(manifest, typeInfo)))
        {
            throw new ArgumentException($"type {typeof(T).FullName} is registered already (as '{_writers[typeof(T)].Manifest}')", nameof(typeInfo));
        }

        AddReader(manifest, bytes => Deserialize(bytes, typeInfo));
        return this;
    }

    /// <summary>
    /// Reads payloads stored under an old manifest as <typeparamref name="T"/> (already registered):
    /// for a renamed manifest whose JSON shape is compatible.
    /// </summary>
    public EventSerializer RegisterAlias<T>(string oldManifest)
        where T : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(oldManifest);
        if (!_writers.TryGetValue(typeof(T), out var writer))
        {
            throw new ArgumentException($"register {typeof(T).FullName} before adding the alias '{oldManifest}'", nameof(oldManifest));
        }

        var typeInfo = (JsonTypeInfo<T>)writer.TypeInfo;
        AddReader(oldManifest, bytes => Deserialize(bytes, typeInfo));
        return this;
    }

    /// <summary>
    /// Reads payloads of an old manifest with their old shape <typeparamref name="TOld"/>, then
    /// converts them with <paramref name="upcast"/>. Nothing is written under the old manifest.
    /// </summary>
    public EventSerializer RegisterUpcaster<TOld, TNew>(string oldManifest, JsonTypeInfo<TOld> oldTypeInfo, Func<TOld, TNew> upcast)
        where TOld : notnull
        where TNew : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(oldManifest);
        ArgumentNullException.ThrowIfNull(oldTypeInfo);
        ArgumentNullException.ThrowIfNull(upcast);
        AddReader(oldManifest, bytes => upcast(Deserialize(bytes, oldTypeInfo)));
        return this;
    }

    /// <summary>True if values of <paramref name="type"/> can be written.</summary>
    public bool CanSerialize(Type type) => _writers.ContainsKey(type);

    /// <summary>Turns a registered value into its manifest and UTF-8 JSON.</summary>
    /// <exception cref="PersistenceException">The value's type is not registered.</exception>
    public SerializedPayload Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!_writers.TryGetValue(value.GetType(), out var writer))
        {
            throw new PersistenceException(
                $"cannot persist a {value.GetType().FullName}: its type is not registered with the EventSerializer (call Register<T>(manifest, typeInfo) at startup)");
        }

        return new SerializedPayload(writer.Manifest, JsonSerializer.SerializeToUtf8Bytes(value, writer.TypeInfo));
    }

    /// <summary>Reads a payload stored under <paramref name="manifest"/>.</summary>
    /// <exception cref="PersistenceException">Unknown manifest or invalid JSON (the caller adds id and sequence nr).</exception>
    public object Deserialize(string manifest, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(payload);
        if (!_readers.TryGetValue(manifest, out var reader))
        {
            throw new PersistenceException($"unknown manifest '{manifest}': no type, alias or upcaster is registered for it");
        }

        try
        {
            return reader(payload);
        }
        catch (JsonException e)
        {
            throw new PersistenceException($"invalid JSON for manifest '{manifest}': {e.Message}", e);
        }
    }

    private void AddReader(string manifest, Func<byte[], object> reader)
    {
        if (!_readers.TryAdd(manifest, reader))
        {
            throw new ArgumentException($"manifest '{manifest}' is registered already", nameof(manifest));
        }
    }

    private static T Deserialize<T>(byte[] bytes, JsonTypeInfo<T> typeInfo)
        where T : notnull =>
        JsonSerializer.Deserialize(bytes, typeInfo) ?? throw new JsonException("the payload is JSON null");
}
