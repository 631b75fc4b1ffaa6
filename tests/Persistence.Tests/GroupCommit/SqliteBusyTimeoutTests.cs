using Microsoft.Data.Sqlite;
using ProcessManager.Persistence.Configuration;
using ProcessManager.Persistence.Storage;

namespace ProcessManager.Persistence.Tests.GroupCommit;

/// <summary>pbm.persistence.sqlite.busy-timeout bounds how long the store waits for a database another connection locked.</summary>
public sealed class SqliteBusyTimeoutTests
{
    [Fact]
    public async Task A_store_with_a_short_busy_timeout_gives_up_on_a_locked_database_after_about_that_long()
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("pbm-busy-");
        try
        {
            var settings = new PbmPersistenceSettings { SqlitePath = Path.Combine(directory.FullName, "pbm.db"), SqliteBusyTimeout = TimeSpan.FromSeconds(1) };
            await using (await GroupCommitStore.OpenAsync(settings, ct))
            {
                // Opening created the schema; the store is closed again so that the lock below is the only holder.
            }

            await using var holder = new SqliteConnection($"Data Source={settings.SqlitePath};Pooling=False");
            await holder.OpenAsync(ct);
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync(ct);
            }

            var started = System.Diagnostics.Stopwatch.StartNew();
            var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                await using var store = await GroupCommitStore.OpenAsync(settings, ct);
                await store.HighestSequenceNrAsync("x", ct);
            });

            // It waited for the lock (at least the busy timeout), and gave up long before the 30 s it used to wait.
            Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(20));
            Assert.Contains("locked", error.ToString(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }
}
