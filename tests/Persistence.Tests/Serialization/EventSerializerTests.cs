using System.Text;
using ProcessManager.Persistence.Serialization;

namespace ProcessManager.Persistence.Tests.Serialization;

public sealed class EventSerializerTests
{
    [Fact]
    public void A_registered_type_round_trips_under_its_manifest()
    {
        var serializer = TestSerializers.Current();

        var serialized = serializer.Serialize(new Incremented(5));

        Assert.Equal("incremented", serialized.Manifest);
        Assert.Equal("{\"By\":5}", Encoding.UTF8.GetString(serialized.Payload));
        Assert.Equal(new Incremented(5), serializer.Deserialize("incremented", serialized.Payload));
    }

    [Fact]
    public void An_alias_reads_an_old_manifest_as_the_current_type()
    {
        var serializer = new EventSerializer()
            .Register("note.v2", TestJsonContext.Default.Note)
            .RegisterAlias<Note>("note");

        Assert.Equal(new Note("hi"), serializer.Deserialize("note", "{\"Text\":\"hi\"}"u8.ToArray()));
        Assert.Equal("note.v2", serializer.Serialize(new Note("hi")).Manifest);
    }

    [Fact]
    public void Registering_a_manifest_or_a_type_twice_is_refused()
    {
        var serializer = new EventSerializer().Register("note", TestJsonContext.Default.Note);

        Assert.Contains("'note'", Assert.Throws<ArgumentException>(() => serializer.Register("note", TestJsonContext.Default.Incremented)).Message, StringComparison.Ordinal);
        Assert.Contains("Note", Assert.Throws<ArgumentException>(() => serializer.Register("note2", TestJsonContext.Default.Note)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_null_payload_is_invalid_not_a_null_event()
    {
        var serializer = TestSerializers.Current();

        var error = Assert.Throws<PersistenceException>(() => serializer.Deserialize("note", "null"u8.ToArray()));

        Assert.Contains("invalid JSON for manifest 'note'", error.Message, StringComparison.Ordinal);
    }
}
