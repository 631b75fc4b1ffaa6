using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Snapshot;
using ProcessManager.Persistence.Configuration;
using ProcessManager.Persistence.Serialization;
using ProcessManager.Persistence.Storage;

namespace ProcessManager.Persistence.Snapshots;

/// <summary>
/// The snapshot store plugin (<c>akka.persistence.snapshot-store.pbm</c>): snapshots live in the
/// journal's database, and saves and deletions share its group-commit writer.
/// </summary>
public sealed class GroupCommitSnapshotStore : SnapshotStore
{
    /// <summary>The plugin id under which the product configures this snapshot store.</summary>
    public const string Identifier = "akka.persistence.snapshot-store.pbm";

    private readonly PbmPersistenceSettings _settings;
    private readonly GroupCommitStores _stores;
    private readonly PayloadSerializer _serializer;

    /// <summary>Created by Akka.Persistence with the plugin's HOCON section; opens nothing itself.</summary>
    public GroupCommitSnapshotStore(Config config)
    {
        _settings = PluginConfigReader.Read(config);
        _stores = GroupCommitStores.Get(Context.System);
        _serializer = new PayloadSerializer((ExtendedActorSystem)Context.System, _settings.LegacySerializerId);
    }

    protected override async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        var store = await _stores.OpenAsync(_settings).ConfigureAwait(false);
        var row = await store.LoadSnapshotAsync(persistenceId, RangeOf(criteria), cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var snapshot = _serializer.Deserialize(row.PersistenceId, row.SequenceNr, row.SerializerId, row.Manifest, row.Payload, "snapshot");
        return new SelectedSnapshot(new SnapshotMetadata(row.PersistenceId, row.SequenceNr, UnixTime.ToDateTime(row.CreatedMs)), snapshot);
    }

    protected override async Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken)
    {
        var (serializerId, manifest, bytes) = _serializer.Serialize(snapshot);
        var created = metadata.Timestamp == DateTime.MinValue ? UnixTime.NowMs() : UnixTime.ToMs(metadata.Timestamp);
        var store = await _stores.OpenAsync(_settings).ConfigureAwait(false);
        await store.SaveSnapshotAsync(
            new SnapshotRow(metadata.PersistenceId, metadata.SequenceNr, created, serializerId, manifest, bytes), cancellationToken).ConfigureAwait(false);
    }

    protected override async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken)
    {
        var store = await _stores.OpenAsync(_settings).ConfigureAwait(false);
        await store.DeleteSnapshotsAsync(
            metadata.PersistenceId, new SnapshotRange(metadata.SequenceNr, metadata.SequenceNr, long.MinValue, long.MaxValue), cancellationToken).ConfigureAwait(false);
    }

    protected override async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        var store = await _stores.OpenAsync(_settings).ConfigureAwait(false);
        await store.DeleteSnapshotsAsync(persistenceId, RangeOf(criteria), cancellationToken).ConfigureAwait(false);
    }

    private static SnapshotRange RangeOf(SnapshotSelectionCriteria criteria) =>
        new(
            criteria.MinSequenceNr,
            criteria.MaxSequenceNr,
            criteria.MinTimestamp is { } min ? UnixTime.ToMs(min) : long.MinValue,
            UnixTime.ToMs(criteria.MaxTimeStamp));
}
