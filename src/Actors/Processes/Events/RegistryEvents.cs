namespace ProcessManager.Actors.Processes.Events;

// The process supervisor's own stream (PersistenceIds.Registry): which apps exist, so that recovery knows which
// app actors to start without scanning the journal. Each app's spec lives in that app's stream.

/// <summary>An app was declared: its app actor exists from now on.</summary>
public sealed record AppRegistered(string Name);

/// <summary>An app was deleted: its app actor is not started again (its history stays in the journal).</summary>
public sealed record AppUnregistered(string Name);

/// <summary>
/// The first start on a journal written before the registry existed registered the apps found there (possibly
/// none); recorded once, so the journal is never scanned again.
/// </summary>
public sealed record LegacyAppsImported(IReadOnlyList<string> Names);

/// <summary>Snapshot of the registry: the declared app names.</summary>
public sealed record RegistrySnapshot(IReadOnlyList<string> Names);
