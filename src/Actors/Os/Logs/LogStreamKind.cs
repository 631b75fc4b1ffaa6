namespace ProcessManager.Actors.Os.Logs;

public enum LogStreamKind
{
    Stdout = 1,
    Stderr = 2,
}
