using Akka.Hosting;
using ProcessManager.Persistence.Configuration;

namespace ProcessManager.Persistence.Hosting;

/// <summary>Wires ProcessManager's persistence into an Akka.Hosting app.</summary>
public static class PersistenceHostingExtensions
{
    /// <summary>
    /// Makes the plugin <paramref name="settings"/> chooses (group commit by default, or Akka.Persistence.Sql) the
    /// default journal and snapshot store, on SQLite or PostgreSQL. Read history with
    /// <c>PersistenceQuery.Get(system).ReadJournalFor&lt;T&gt;(PersistencePlugins.ReadJournalId(settings))</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid settings (the message names the HOCON key).</exception>
    public static AkkaConfigurationBuilder WithProcessManagerPersistence(this AkkaConfigurationBuilder builder, PbmPersistenceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHocon(PersistencePlugins.Config(settings), HoconAddMode.Prepend);
    }
}
