using Microsoft.Data.Sqlite;
using ProcessManager.Persistence.Configuration;

namespace ProcessManager.Persistence.Tests.Targets;

/// <summary>A SQLite file in a private temp directory, deleted afterwards.</summary>
public sealed class SqliteTarget : PluginTarget
{
    private readonly string _directory;

    private SqliteTarget(string directory, PersistencePluginKind plugin)
        : base(new PbmPersistenceSettings { Plugin = plugin, Provider = PersistenceProvider.Sqlite, SqlitePath = Path.Combine(directory, "pbm.db") })
    {
        _directory = directory;
    }

    public static SqliteTarget Create(PersistencePluginKind plugin) => new(NewPrivateDirectory(), plugin);

    /// <summary>A fresh temp directory only its owner can enter (0700).</summary>
    public static string NewPrivateDirectory() =>
        Directory.CreateTempSubdirectory("pbm-persistence-").FullName;

    public string DatabasePath => Settings.SqlitePath;

    public override async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    protected override void Dispose(bool disposing)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
