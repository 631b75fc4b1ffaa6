using Akka.Actor;
using Akka.Serialization;

namespace ProcessManager.Persistence.Tests.Support;

/// <summary>
/// Stands in for the product's process-event serializer (id 7301, the default <c>legacy-serializer-id</c>):
/// it hands back the stored bytes and manifest untouched, so tests can assert them.
/// </summary>
public sealed class RawPayloadSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 7301;

    public override int Identifier => Id;

    public override byte[] ToBinary(object obj) => ((RawPayload)obj).Bytes;

    public override object FromBinary(byte[] bytes, string manifest) => new RawPayload(manifest, bytes);

    public override string Manifest(object o) => ((RawPayload)o).Manifest;
}
