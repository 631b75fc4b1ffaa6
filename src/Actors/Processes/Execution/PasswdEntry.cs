namespace ProcessManager.Actors.Processes.Execution;

/// <summary>The fields of a user's /etc/passwd line a program's environment needs.</summary>
internal sealed record PasswdEntry(string Name, uint Uid, string Home, string Shell);
