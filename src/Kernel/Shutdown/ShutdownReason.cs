namespace ProcessManager.Kernel;

/// <summary>Why coordinated shutdown ran.</summary>
public sealed record ShutdownReason(string Description)
{
    public static readonly ShutdownReason Unknown = new("unknown");

    public static readonly ShutdownReason ActorSystemTerminate = new("actor system terminate");

    public static readonly ShutdownReason SigTerm = new("SIGTERM");
}
