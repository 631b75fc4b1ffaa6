using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Data.Sqlite;
using ProcessManager.Persistence.Configuration;
using ProcessManager.Persistence.Journal;
using ProcessManager.Persistence.Query;
using ProcessManager.Persistence.Tests.Support;
using ProcessManager.Persistence.Tests.Targets;
using AkkaTestKit = Akka.TestKit.Xunit.TestKit;

namespace ProcessManager.Persistence.Tests.GroupCommit;

/// <summary>
/// A pbm.db written by the daemon before Akka.Persistence (schema version 2, rows without serializer ids)
/// opens through the plugin, migrates to version 3, and reads back byte for byte with the legacy serializer.
/// </summary>
public sealed class LegacyDatabaseTests : AkkaTestKit
{
    private const string WorkerId = "process/worker-0";
    private static readonly TimeSpan Patience = TestTimeouts.Scaled(TimeSpan.FromSeconds(20));

    private readonly string _directory;
    private readonly string _path;

    public LegacyDatabaseTests()
        : this(CopyFixture())
    {
    }

    private LegacyDatabaseTests(string path)
        : base(PersistencePlugins.Config(new PbmPersistenceSettings { SqlitePath = path }).WithFallback(TestConfig.Serializers))
    {
        _path = path;
        _directory = Path.GetDirectoryName(path)!;
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_version_2_database_migrates_to_version_3_and_replays_its_events_with_manifests_and_bytes_intact()
    {
        var stored = await ReadRawRowsAsync();
        Assert.Equal(7, stored.Count);

        var journal = Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(GroupCommitJournal.Identifier);
        journal.Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, WorkerId, TestActor), TestActor);
        var replayed = Enumerable.Range(0, 7).Select(_ => ExpectMsg<ReplayedMessage>(Patience).Persistent).ToList();
        Assert.Equal(7, ExpectMsg<RecoverySuccess>(Patience).HighestSequenceNr);

        var query = PersistenceQuery.Get(Sys).ReadJournalFor<ICurrentEventsByPersistenceIdQuery>(GroupCommitReadJournal.Identifier);
        var queried = await query.CurrentEventsByPersistenceId(WorkerId, 0, long.MaxValue)
            .RunWith(Sink.Seq<EventEnvelope>(), Sys.Materializer())
            .WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(1, 7).Select(n => (long)n), replayed.Select(p => p.SequenceNr));
        Assert.Equal(stored, replayed.Select(p => (RawPayload)p.Payload).Select(p => (p.Manifest, Convert.ToHexString(p.Bytes))));
        Assert.Equal(stored, queried.Select(e => (RawPayload)e.Event).Select(p => (p.Manifest, Convert.ToHexString(p.Bytes))));
        Assert.All(stored, row => Assert.Equal("pbm.process-event.v1", row.Manifest));
        Assert.Equal(3L, await ScalarAsync("SELECT MAX(version) FROM schema_version"));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM journal WHERE serializer_id IS NOT NULL"));
    }

    private static string CopyFixture()
    {
        var directory = SqliteTarget.NewPrivateDirectory();
        var path = Path.Combine(directory, "pbm.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "legacy-v2.pbm.db"), path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    private async Task<List<(string Manifest, string Hex)>> ReadRawRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT manifest, payload FROM journal WHERE persistence_id = '{WorkerId}' ORDER BY sequence_nr";
        var rows = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add((reader.GetString(0), Convert.ToHexString((byte[])reader.GetValue(1))));
        }

        return rows;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
