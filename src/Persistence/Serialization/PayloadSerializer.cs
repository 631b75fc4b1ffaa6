using Akka.Actor;
using Akka.Serialization;

namespace ProcessManager.Persistence.Serialization;

/// <summary>
/// Turns event and snapshot payloads into bytes with Akka serialization and back: the row keeps the
/// serializer id and its manifest. Rows written before schema version 3 carry no serializer id; they
/// are read with <c>legacy-serializer-id</c>.
/// </summary>
internal sealed class PayloadSerializer(ExtendedActorSystem system, int legacySerializerId)
{
    private readonly Akka.Serialization.Serialization _serialization = system.Serialization;

    public (int SerializerId, string Manifest, byte[] Payload) Serialize(object payload)
    {
        var serializer = _serialization.FindSerializerFor(payload);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, payload);
        // With the transport set, an IActorRef inside a payload serializes with its full address.
        var bytes = Akka.Serialization.Serialization.WithTransport(system, (serializer, payload), static s => s.serializer.ToBinary(s.payload));
        return (serializer.Identifier, manifest, bytes);
    }

    /// <exception cref="EventDeserializationException">No such serializer, or it failed on the bytes.</exception>
    public object Deserialize(string persistenceId, long sequenceNr, int? serializerId, string manifest, byte[] payload, string what)
    {
        var id = serializerId ?? legacySerializerId;
        try
        {
            return _serialization.Deserialize(payload, id, manifest);
        }
        catch (Exception e)
        {
            throw new EventDeserializationException(
                $"cannot read the {what} of persistence id '{persistenceId}' at sequence nr {sequenceNr} (serializer {id}{(serializerId is null ? ", legacy row" : "")}, manifest '{manifest}', {payload.Length} bytes): {e.Message}",
                e)
            {
                PersistenceId = persistenceId,
                SequenceNr = sequenceNr,
                Manifest = manifest,
            };
        }
    }
}
