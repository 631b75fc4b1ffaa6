using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace ProcessManager.Persistence.Bench;

/// <summary>
/// The bench's events and snapshots as source-generated System.Text.Json, as the product's own serializer
/// does for its events (Akka's default JSON serializer is reflection-based Newtonsoft, several times slower).
/// </summary>
public sealed class BenchSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public override int Identifier => 7390;

    public override string Manifest(object o) => o switch
    {
        ProcessEvent => "e",
        ProcessState => "s",
        _ => throw new ArgumentException($"cannot serialize {o.GetType()}", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        ProcessEvent e => JsonSerializer.SerializeToUtf8Bytes(e, BenchJsonContext.Default.ProcessEvent),
        ProcessState s => JsonSerializer.SerializeToUtf8Bytes(s, BenchJsonContext.Default.ProcessState),
        _ => throw new ArgumentException($"cannot serialize {obj.GetType()}", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        "e" => JsonSerializer.Deserialize(bytes, BenchJsonContext.Default.ProcessEvent)!,
        "s" => JsonSerializer.Deserialize(bytes, BenchJsonContext.Default.ProcessState)!,
        _ => throw new ArgumentException($"unknown manifest '{manifest}'", nameof(manifest)),
    };
}

[JsonSerializable(typeof(ProcessEvent))]
[JsonSerializable(typeof(ProcessState))]
public sealed partial class BenchJsonContext : JsonSerializerContext;
