namespace ProcessManager.Persistence.Storage;

/// <summary>A request queued for the group-commit writer; completed after its transaction commits.</summary>
internal abstract class WriteOperation
{
    /// <summary>Continuations run asynchronously so a caller never runs on (and stalls) the writer loop.</summary>
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What the operation did, for error messages.</summary>
    public abstract string Describe();
}

/// <summary>Appends events (all or none).</summary>
internal sealed class AppendEvents(IReadOnlyList<JournalRow> rows) : WriteOperation
{
    public IReadOnlyList<JournalRow> Rows { get; } = rows;

    public override string Describe() =>
        Rows.Count == 1
            ? $"write of '{Rows[0].PersistenceId}' #{Rows[0].SequenceNr}"
            : $"write of {Rows.Count} events of '{Rows[0].PersistenceId}' #{Rows[0].SequenceNr}..#{Rows[^1].SequenceNr}";
}

/// <summary>Deletes events up to a sequence number, keeping the highest one as a deleted marker.</summary>
internal sealed class DeleteEvents(string persistenceId, long toSequenceNr) : WriteOperation
{
    public string PersistenceId { get; } = persistenceId;

    public long ToSequenceNr { get; } = toSequenceNr;

    public override string Describe() => $"deletion of '{PersistenceId}' events up to #{ToSequenceNr}";
}

/// <summary>Saves or replaces one snapshot.</summary>
internal sealed class SaveSnapshot(SnapshotRow row) : WriteOperation
{
    public SnapshotRow Row { get; } = row;

    public override string Describe() => $"snapshot of '{Row.PersistenceId}' at #{Row.SequenceNr}";
}

/// <summary>Deletes the snapshots of one id within a range.</summary>
internal sealed class DeleteSnapshots(string persistenceId, SnapshotRange range) : WriteOperation
{
    public string PersistenceId { get; } = persistenceId;

    public SnapshotRange Range { get; } = range;

    public override string Describe() => $"deletion of '{PersistenceId}' snapshots in {Range}";
}
