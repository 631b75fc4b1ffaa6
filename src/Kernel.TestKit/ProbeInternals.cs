namespace ProcessManager.Kernel.TestKit;

internal static class ProbeInternals
{
    /// <summary>ActorOf under an arbitrary local actor (its children container is thread-safe).</summary>
    public static IActorRef ActorOfUnder(IActorRef parent, Props props, string? name) =>
        parent is LocalActorRef local
            ? local.Cell.ActorOf(props, name)
            : throw new ArgumentException($"{parent} is not a local actor.", nameof(parent));
}
