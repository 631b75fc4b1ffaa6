using Akka.Actor;

namespace ProcessManager.Actors.Diagnostics;

/// <summary>
/// The actor tree of a running system, found from the outside as Petabridge.Cmd's console does: level by level, an
/// <see cref="Identify"/> to every child of each known actor (<c>PATH/*</c>), collecting answers until none has come
/// for a quiet period. Answers arrive in any order; the tree is sorted by name.
/// </summary>
public static class ActorHierarchy
{
    /// <summary>Walks /user and /system down to <paramref name="depth"/> levels below the root.</summary>
    /// <param name="quietPeriod">How long a level waits after the last answer before it counts as complete.</param>
    /// <param name="timeout">Longest the whole walk may take; what was found by then is returned.</param>
    public static async Task<ActorTreeNode> WalkAsync(ActorSystem system, int depth, TimeSpan quietPeriod, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        var found = new TaskCompletionSource<IReadOnlyDictionary<string, IReadOnlyList<IActorRef>>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var walker = ((ExtendedActorSystem)system).SystemActorOf(
            Props.Create(() => new HierarchyWalker(depth, quietPeriod, DateTime.UtcNow + timeout, found)),
            $"hierarchy-walker-{Guid.NewGuid():N}");
        using var registration = cancellationToken.Register(() => system.Stop(walker));
        try
        {
            var children = await found.Task.WaitAsync(timeout + quietPeriod + quietPeriod, cancellationToken).ConfigureAwait(false);
            return Node("/", "/", null, children, walker.Path.ToStringWithoutAddress());
        }
        finally
        {
            system.Stop(walker);
        }
    }

    private static ActorTreeNode Node(string path, string name, string? type, IReadOnlyDictionary<string, IReadOnlyList<IActorRef>> children, string walker) =>
        new(path, name, type, [.. (children.TryGetValue(path, out var refs) ? refs : [])
            .Where(child => child.Path.ToStringWithoutAddress() != walker)
            .OrderBy(child => child.Path.Name, StringComparer.Ordinal)
            .Select(child => Node(child.Path.ToStringWithoutAddress(), child.Path.Name, TypeOf(child), children, walker))]);

    private static string? TypeOf(IActorRef actor) => actor is ActorRefWithCell { Underlying: { } cell } ? cell.Props.Type?.FullName : null;

    /// <summary>Sends one level of Identify at a time; a receive timeout of the quiet period ends a level.</summary>
    private sealed class HierarchyWalker : ReceiveActor
    {
        private readonly Dictionary<string, List<IActorRef>> _children = new(StringComparer.Ordinal);
        private readonly int _depth;
        private readonly DateTime _deadline;
        private readonly TaskCompletionSource<IReadOnlyDictionary<string, IReadOnlyList<IActorRef>>> _found;
        private List<IActorRef> _level = [];
        private int _levelNumber;

        public HierarchyWalker(int depth, TimeSpan quietPeriod, DateTime deadline, TaskCompletionSource<IReadOnlyDictionary<string, IReadOnlyList<IActorRef>>> found)
        {
            _depth = depth;
            _deadline = deadline;
            _found = found;
            Receive<ActorIdentity>(OnIdentity);
            Receive<ReceiveTimeout>(_ => NextLevel());
            SetReceiveTimeout(quietPeriod);
        }

        protected override void PreStart()
        {
            _children["/"] = [];
            foreach (var root in new[] { "/user", "/system" })
            {
                Context.ActorSelection(root).Tell(new Identify("/"));
            }
        }

        protected override void PostStop() => _found.TrySetResult(Snapshot());

        private void OnIdentity(ActorIdentity identity)
        {
            if (identity is { Subject: { } actor, MessageId: string parent } && _children.TryGetValue(parent, out var siblings) && !siblings.Contains(actor))
            {
                siblings.Add(actor);
                _level.Add(actor);
            }
        }

        private void NextLevel()
        {
            var level = _level;
            _level = [];
            if (level.Count == 0 || ++_levelNumber >= _depth || DateTime.UtcNow >= _deadline)
            {
                _found.TrySetResult(Snapshot());
                Context.Stop(Self);
                return;
            }

            foreach (var actor in level)
            {
                var path = actor.Path.ToStringWithoutAddress();
                _children[path] = [];
                Context.ActorSelection(path + "/*").Tell(new Identify(path));
            }
        }

        private Dictionary<string, IReadOnlyList<IActorRef>> Snapshot() =>
            _children.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<IActorRef>)[.. pair.Value], StringComparer.Ordinal);
    }
}
