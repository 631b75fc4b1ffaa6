using ProcessManager.Hocon;
using ProcessManager.Host.Backend;
using ProcessManager.Persistence.Configuration;

namespace ProcessManager.Host.Tests;

public sealed class SettingsReaderTests
{
    [Fact]
    public void Sqlite_is_the_default_engine_under_pbm_home()
    {
        var settings = PersistenceSettingsReader.Read(ConfigurationFactory.Empty, "/tmp/home");

        Assert.Equal(PersistenceProvider.Sqlite, settings.Provider);
        Assert.Equal("/tmp/home/pbm.db", settings.SqlitePath);
    }

    [Fact]
    public void Postgresql_is_selected_with_a_connection_string()
    {
        var config = ConfigurationFactory.ParseString("""
            pbm.persistence { provider = postgresql, postgresql { connection-string = "Host=db;Database=pbm", schema = fleet }
                              group-commit { max-batch = 64 }, retention { max-events-per-process = 500 } }
            """);

        var settings = PersistenceSettingsReader.Read(config, "/tmp/home");

        Assert.Equal(PersistenceProvider.PostgreSql, settings.Provider);
        Assert.Equal("Host=db;Database=pbm", settings.PostgreSqlConnectionString);
        Assert.Equal("fleet", settings.PostgreSqlSchema);
        Assert.Equal(64, settings.GroupCommit.MaxBatch);
        Assert.Equal(500, settings.Retention.MaxEventsPerProcess);
    }

    [Fact]
    public void Postgresql_without_a_connection_string_names_the_key()
    {
        var config = ConfigurationFactory.ParseString("pbm.persistence.provider = postgresql", new HoconParseOptions { OriginDescription = "pbm.conf" });

        var error = Assert.Throws<ConfigurationException>(() => PersistenceSettingsReader.Read(config, "/tmp/home"));

        Assert.Contains("pbm.persistence.postgresql.connection-string", error.Message, StringComparison.Ordinal);
        Assert.Contains("pbm.conf:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_group_commit_plugin_is_the_default_and_Akka_Persistence_Sql_is_selectable()
    {
        Assert.Equal(PersistencePluginKind.GroupCommit, PersistenceSettingsReader.Read(ConfigurationFactory.Empty, "/tmp/home").Plugin);
        var sql = PersistenceSettingsReader.Read(ConfigurationFactory.ParseString("pbm.persistence.plugin = akka-persistence-sql"), "/tmp/home");

        Assert.Equal(PersistencePluginKind.AkkaPersistenceSql, sql.Plugin);
        Assert.Equal("akka.persistence.query.journal.sql", PersistencePlugins.ReadJournalId(sql));
        var error = Assert.Throws<ConfigurationException>(() => PersistenceSettingsReader.Read(ConfigurationFactory.ParseString("pbm.persistence.plugin = leveldb"), "/tmp/home"));
        Assert.Contains("'leveldb'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_engine_is_refused_with_its_name()
    {
        var config = ConfigurationFactory.ParseString("pbm.persistence.provider = mysql");

        var error = Assert.Throws<ConfigurationException>(() => PersistenceSettingsReader.Read(config, "/tmp/home"));

        Assert.Contains("'mysql'", error.Message, StringComparison.Ordinal);
    }
}
