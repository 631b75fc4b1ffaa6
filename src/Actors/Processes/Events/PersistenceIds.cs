namespace ProcessManager.Actors.Processes.Events;

/// <summary>The persistence id of every persistent actor of process supervision, in one place.</summary>
public static class PersistenceIds
{
    /// <summary>The process supervisor's registry of declared app names.</summary>
    public const string Registry = "processes";

    private const string AppPrefix = "app/";
    private const string InstancePrefix = "process/";

    /// <summary>An app's spec and desired state: app/NAME.</summary>
    public static string App(string name) => AppPrefix + name;

    /// <summary>One instance's programs, exits and restarts: process/NAME-INDEX.</summary>
    public static string Instance(string fullName) => InstancePrefix + fullName;

    /// <summary>The app name of an app stream id, or null when <paramref name="persistenceId"/> is not one.</summary>
    public static string? AppName(string persistenceId) =>
        persistenceId.StartsWith(AppPrefix, StringComparison.Ordinal) ? persistenceId[AppPrefix.Length..] : null;

    /// <summary>The instance name (NAME-INDEX) of an instance stream id, or null.</summary>
    public static string? InstanceName(string persistenceId) =>
        persistenceId.StartsWith(InstancePrefix, StringComparison.Ordinal) ? persistenceId[InstancePrefix.Length..] : null;
}
