using Akka.Configuration;

namespace ProcessManager.Persistence.Tests.Support;

/// <summary>Configuration every test system shares: the raw-payload serializer and quiet logging.</summary>
public static class TestConfig
{
    public static Config Serializers { get; } = ConfigurationFactory.ParseString(
        $$"""
        akka.loglevel = WARNING
        akka.actor.serializers.raw-payload = "{{typeof(RawPayloadSerializer).FullName}}, {{typeof(RawPayloadSerializer).Assembly.GetName().Name}}"
        akka.actor.serialization-bindings {
          "{{typeof(RawPayload).FullName}}, {{typeof(RawPayload).Assembly.GetName().Name}}" = raw-payload
        }
        """);
}
