using Akka.Actor;
using Akka.Serialization;
using Microsoft.Data.Sqlite;
using ProcessManager.Actors.Processes.Events;
using ProcessManager.Actors.Processes.Protocol;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Events;

public sealed class ProcessEventSerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("serializer-tests");
    private readonly ProcessEventSerializer _serializer;

    public ProcessEventSerializerTests() => _serializer = new ProcessEventSerializer((ExtendedActorSystem)_system);

    public static TheoryData<object> Persisted() =>
    [
        new AppDeclared(new ProcessSpec { Name = "web", Argv = ["sleep", "300"], Instances = 2, Environment = new Dictionary<string, string> { ["A"] = "1" } }, DesiredState.Running),
        new AppConfigChanged(new ProcessSpec { Name = "web", Shell = true, Command = "echo hi", Restart = RestartPolicy.OnFailure }),
        new DesiredStateChanged(DesiredState.Stopped),
        new AppDeleted(),
        new ProgramStarted(1234, 987654321UL, Adopted: true, Restarts: 3),
        new ProgramExitedEvent(null, 9, TimeSpan.FromMilliseconds(1500)),
        new RestartScheduled(TimeSpan.FromSeconds(2), "exit code 1", 4),
        new CrashLoopEntered("crash-loop: 5 restarts within 1m", TimeSpan.FromMinutes(5), 5),
        new CrashLoopLeft(),
        new StoppedByRequest("stop requested"),
        new MemoryLimitRestart(2048, 1024),
        new JobFinishedEvent(new JobRun(7, DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(3), 0, null, false, true, ["done"])),
        new SpawnErrored("No such file or directory"),
        new InstanceRetired("scaled down"),
        new AppRegistered("web"),
        new AppUnregistered("web"),
        new LegacyAppsImported(["a", "b"]),
        new RegistrySnapshot(["a"]),
        new AppSnapshot(null, DesiredState.Stopped),
        new InstanceSnapshot(3, 99, 12345UL, 2),
    ];

    [Theory]
    [MemberData(nameof(Persisted))]
    public void Every_persisted_type_round_trips_under_its_own_manifest(object persisted)
    {
        var manifest = _serializer.Manifest(persisted);
        var bytes = _serializer.ToBinary(persisted);

        var read = _serializer.FromBinary(bytes, manifest);

        Assert.Equal(persisted.GetType(), read.GetType());
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(persisted, persisted.GetType()), System.Text.Json.JsonSerializer.Serialize(read, read.GetType()));
        Assert.Single(Persisted(), row => ((object)row.Data).GetType() == persisted.GetType() && _serializer.Manifest(row.Data) == manifest);
    }

    [Fact]
    public void Akka_finds_the_serializer_from_the_bindings_of_every_type()
    {
        var config = Akka.Configuration.ConfigurationFactory.ParseString($$"""
            akka.actor.serializers.pbm = "{{typeof(ProcessEventSerializer).AssemblyQualifiedName}}"
            akka.actor.serialization-bindings { {{string.Join("\n", ProcessEventSerializer.Types.Select(t => $"\"{t.AssemblyQualifiedName}\" = pbm"))}} }
            """);
        using var system = ActorSystem.Create("bound", config);

        Assert.All(ProcessEventSerializer.Types, type => Assert.Equal(ProcessEventSerializer.SerializerId, system.Serialization.FindSerializerForType(type).Identifier));
    }

    [Fact]
    public void An_unknown_manifest_is_refused_with_a_message_naming_it()
    {
        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => _serializer.FromBinary("{}"u8.ToArray(), "from-the-future.v9"));
        Assert.Contains("from-the-future.v9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_written_by_the_pre_Akka_daemon_read_back_as_the_same_events()
    {
        var path = Path.Combine(Path.GetTempPath(), $"legacy-{Guid.NewGuid():N}.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "legacy-v2.pbm.db"), path);
        try
        {
            var events = new List<(string Id, object Event)>();
            using (var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT persistence_id, manifest, payload FROM journal ORDER BY ordering";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    Assert.Equal(ProcessEventSerializer.LegacyManifest, reader.GetString(1));
                    events.Add((reader.GetString(0), _serializer.FromBinary((byte[])reader.GetValue(2), reader.GetString(1))));
                }
            }

            Assert.Equal(20, events.Count);
            var web = Assert.IsType<AppDeclared>(events.Single(e => e.Id == "app/web").Event);
            Assert.Equal(["sleep", "3600"], web.Spec.Argv);
            Assert.Equal(2, web.Spec.Instances);
            Assert.Equal(DesiredState.Running, web.Desired);
            Assert.Equal(DesiredState.Stopped, events.Where(e => e.Id == "app/off").Select(e => e.Event).OfType<DesiredStateChanged>().Single().Desired);
            var worker = events.Where(e => e.Id == "process/worker-0").Select(e => e.Event).ToList();
            Assert.Equal(["started", "exited", "restart-scheduled", "started", "exited", "restart-scheduled", "stopped"], worker.Cast<ProcessEvent>().Select(e => e.Name));
            Assert.Equal(3, worker.OfType<ProgramExitedEvent>().First().Code);
            Assert.Equal(2, worker.OfType<RestartScheduled>().Last().Restarts);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
