namespace ProcessManager.Persistence.CrashWriter;

/// <summary>The event the crash writer persists; <see cref="Check"/> lets the reader detect a torn payload.</summary>
public sealed record CrashEvent(string PersistenceId, long SequenceNr, string Filler, string Check)
{
    public static CrashEvent Create(string persistenceId, long sequenceNr)
    {
        var filler = new string((char)('a' + (int)(sequenceNr % 26)), 200 + (int)(sequenceNr % 300));
        return new CrashEvent(persistenceId, sequenceNr, filler, Checksum(persistenceId, sequenceNr, filler));
    }

    public static string Checksum(string persistenceId, long sequenceNr, string filler) =>
        $"{persistenceId}/{sequenceNr}/{filler.Length}";

    public bool IsIntact(string persistenceId, long sequenceNr) =>
        PersistenceId == persistenceId && SequenceNr == sequenceNr && Check == Checksum(persistenceId, sequenceNr, Filler);
}
