using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using ProcessManager.Persistence.Configuration;
using ProcessManager.Persistence.Serialization;
using ProcessManager.Persistence.Storage;

namespace ProcessManager.Persistence.Journal;

/// <summary>
/// The journal plugin (<c>akka.persistence.journal.pbm</c>): concurrent writes of many persistent actors
/// share transactions through the database's one group-commit writer. Each <see cref="AtomicWrite"/>
/// is stored whole or not at all; a <see cref="Tagged"/> payload is stored unwrapped with its tags.
/// Deleting events keeps the highest sequence number known.
/// </summary>
public sealed class GroupCommitJournal : AsyncWriteJournal
{
    /// <summary>The plugin id under which the product configures this journal.</summary>
    public const string Identifier = "akka.persistence.journal.pbm";

    private readonly PbmPersistenceSettings _settings;
    private readonly GroupCommitStores _stores;
    private readonly PayloadSerializer _serializer;

    /// <summary>Created by Akka.Persistence with the plugin's HOCON section; opens nothing itself.</summary>
    public GroupCommitJournal(Config config)
    {
        _settings = PluginConfigReader.Read(config);
        _stores = GroupCommitStores.Get(Context.System);
        _serializer = new PayloadSerializer((ExtendedActorSystem)Context.System, _settings.LegacySerializerId);
    }

    protected override void PreStart()
    {
        base.PreStart();
        // Opening starts now, in the background, so that the first recovery does not wait for the migration.
        _ = _stores.OpenAsync(_settings);
    }

    protected override async Task<IImmutableList<Exception?>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages as IReadOnlyList<AtomicWrite> ?? messages.ToList();
        var now = UnixTime.NowMs();
        var rows = new List<JournalRow>(writes.Count);
        Exception?[]? rejections = null;
        for (var i = 0; i < writes.Count; i++)
        {
            var first = rows.Count;
            try
            {
                foreach (var representation in (IImmutableList<IPersistentRepresentation>)writes[i].Payload)
                {
                    rows.Add(ToRow(representation, now));
                }
            }
            catch (Exception e)
            {
                // Rejected (not stored, the actor goes on): a payload that cannot be serialized or tagged.
                rows.RemoveRange(first, rows.Count - first);
                (rejections ??= new Exception?[writes.Count])[i] = e;
            }
        }

        try
        {
            var store = await _stores.OpenAsync(_settings).ConfigureAwait(false);
            await store.AppendAsync(rows, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or JournalConflictException))
        {
            // The transaction rolled back: none of the batch is stored. Rejected, the actors learn it and go on.
            // A conflict (another writer of the same ids) stays a failure: that actor must stop.
            var refused = new JournalWriteFailedException(Describe(e), e);
            return ImmutableList.CreateRange(Enumerable.Repeat<Exception?>(refused, writes.Count));
        }

        return rejections is null ? null! : ImmutableList.Create(rejections);
    }

    public override async Task ReplayMessagesAsync(
        IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        var store = await _stores.OpenAsync(_settings).ConfigureAwait(false);
        await foreach (var row in store.EventsAsync(persistenceId, fromSequenceNr, toSequenceNr, max, CancellationToken.None).ConfigureAwait(false))
        {
            var payload = _serializer.Deserialize(row.PersistenceId, row.SequenceNr, row.SerializerId, row.Manifest, row.Payload, "event");
            recoveryCallback(new Persistent(
                payload,
                row.SequenceNr,
                row.PersistenceId,
                row.Manifest,
                isDeleted: false,
                ActorRefs.NoSender,
                row.WriterUuid,
                UnixTime.ToTicks(row.CreatedMs)));
        }
    }

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        var store = await _stores.OpenAsync(_settings).ConfigureAwait(false);
        return await store.HighestSequenceNrAsync(persistenceId, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        var store = await _stores.OpenAsync(_settings).ConfigureAwait(false);
        await store.DeleteEventsToAsync(persistenceId, toSequenceNr, cancellationToken).ConfigureAwait(false);
    }

    private JournalRow ToRow(IPersistentRepresentation representation, long now)
    {
        var payload = representation.Payload;
        string? tags = null;
        if (payload is Tagged tagged)
        {
            payload = tagged.Payload;
            tags = JoinTags(representation, tagged.Tags);
        }

        var (serializerId, manifest, bytes) = _serializer.Serialize(payload);
        return new JournalRow(
            representation.PersistenceId,
            representation.SequenceNr,
            now,
            tags,
            serializerId,
            manifest,
            bytes,
            representation.WriterGuid ?? "");
    }

    private static string? JoinTags(IPersistentRepresentation representation, IImmutableSet<string> tags)
    {
        if (tags.Count == 0)
        {
            return null;
        }

        foreach (var tag in tags)
        {
            if (string.IsNullOrWhiteSpace(tag) || tag.Contains(';', StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"'{representation.PersistenceId}' #{representation.SequenceNr}: tag '{tag}' is empty or contains ';'");
            }
        }

        return string.Join(';', tags);
    }

    private static string Describe(Exception error)
    {
        var cause = error;
        while (cause is AggregateException { InnerException: { } inner })
        {
            cause = inner;
        }

        return "the journal could not write: " + cause.Message;
    }
}
