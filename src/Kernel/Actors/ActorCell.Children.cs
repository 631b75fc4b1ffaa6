namespace ProcessManager.Kernel;

internal sealed partial class ActorCell
{
    /// <summary>Children by name, including stopping ones (their names stay reserved until they
    /// have terminated). Guarded by lock(this): ActorOf and snapshots may come from any thread.</summary>
    private Dictionary<string, ChildRecord>? _children;

    /// <summary>Counter for generated child names; guarded by lock(this).</summary>
    private long _nextChildName;

    private sealed class ChildRecord(LocalActorRef actorRef)
    {
        public LocalActorRef Ref { get; } = actorRef;

        public RestartStatistics Stats { get; } = new();

        /// <summary>Terminate was sent.</summary>
        public bool Stopping { get; set; }
    }

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        var childRef = ReserveChild(name);
        var mailbox = new Mailbox(System.Settings.Throughput);
        var cell = new ActorCell(System, childRef, props, SelfRef, mailbox);
        childRef.Cell = cell;
        mailbox.SetInvoker(cell);
        mailbox.PostSystem(new Create());
        return childRef;
    }

    private LocalActorRef ReserveChild(string? name)
    {
        if (name is not null)
        {
            ValidateName(name);
        }

        lock (this)
        {
            if (_state >= LifecycleState.Terminating)
            {
                throw new InvalidOperationException($"{SelfRef.Path} is stopping; it cannot create child '{name}'.");
            }

            name ??= "$" + EncodeName(_nextChildName++);
            _children ??= new Dictionary<string, ChildRecord>(StringComparer.Ordinal);
            var childRef = new LocalActorRef(SelfRef.Path / name);
            if (!_children.TryAdd(name, new ChildRecord(childRef)))
            {
                throw new InvalidActorNameException($"Actor name '{name}' is not unique under {SelfRef.Path}.");
            }

            return childRef;
        }
    }

    private static void ValidateName(string name)
    {
        if (name.Length == 0 || name.StartsWith('$') || name.Contains('/', StringComparison.Ordinal) || name.Any(char.IsWhiteSpace))
        {
            throw new InvalidActorNameException(
                $"Actor name '{name}' is invalid: it must be non-empty, must not start with '$' and must not contain '/' or whitespace.");
        }
    }

    private static string EncodeName(long value)
    {
        const string digits = "abcdefghijklmnopqrstuvwxyz0123456789";
        Span<char> buffer = stackalloc char[16];
        var position = buffer.Length;
        do
        {
            buffer[--position] = digits[(int)(value % digits.Length)];
            value /= digits.Length;
        }
        while (value > 0);

        return new string(buffer[position..]);
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not IInternalActorRef target)
        {
            throw new ArgumentException($"{actor} is not a kernel actor reference.", nameof(actor));
        }

        if (!ReferenceEquals(target, SelfRef))
        {
            lock (this)
            {
                if (_children is not null && _children.TryGetValue(target.Path.Name, out var record) && ReferenceEquals(record.Ref, target))
                {
                    record.Stopping = true;
                }
            }
        }

        target.SendSystemMessage(new Terminate());
    }

    internal void Stop(IInternalActorRef child) => Stop((IActorRef)child);

    public IEnumerable<IActorRef> Children
    {
        get
        {
            lock (this)
            {
                if (_children is null || _children.Count == 0)
                {
                    return [];
                }

                var refs = new IActorRef[_children.Count];
                var i = 0;
                foreach (var name in _children.Keys.Order(StringComparer.Ordinal))
                {
                    refs[i++] = _children[name].Ref;
                }

                return refs;
            }
        }
    }

    public IActorRef Child(string name)
    {
        lock (this)
        {
            return _children is not null && _children.TryGetValue(name, out var record) ? record.Ref : ActorRefs.Nobody;
        }
    }

    /// <summary>Children not being stopped.</summary>
    internal List<IInternalActorRef> LiveChildren()
    {
        lock (this)
        {
            var live = new List<IInternalActorRef>(_children?.Count ?? 0);
            if (_children is not null)
            {
                foreach (var record in _children.Values)
                {
                    if (!record.Stopping)
                    {
                        live.Add(record.Ref);
                    }
                }
            }

            return live;
        }
    }

    internal RestartStatistics? GetRestartStatistics(IInternalActorRef child)
    {
        lock (this)
        {
            return _children is not null && _children.TryGetValue(child.Path.Name, out var record) && ReferenceEquals(record.Ref, child)
                ? record.Stats
                : null;
        }
    }

    private void StopAllChildren()
    {
        foreach (var child in LiveChildren())
        {
            Stop(child);
        }
    }

    private bool HasChildren()
    {
        lock (this)
        {
            return _children is { Count: > 0 };
        }
    }

    private bool HasStoppingChildren()
    {
        lock (this)
        {
            return _children is not null && _children.Values.Any(static r => r.Stopping);
        }
    }

    /// <summary>Removes a terminated child; true if it was ours.</summary>
    private bool RemoveChild(IActorRef child)
    {
        lock (this)
        {
            if (_children is not null && _children.TryGetValue(child.Path.Name, out var record) && ReferenceEquals(record.Ref, child))
            {
                _children.Remove(child.Path.Name);
                return true;
            }

            return false;
        }
    }

    /// <summary>Snapshot of child cells sorted by name, for the hierarchy view.</summary>
    internal List<ActorCell> ChildCellsSorted()
    {
        lock (this)
        {
            if (_children is null)
            {
                return [];
            }

            return _children.OrderBy(static p => p.Key, StringComparer.Ordinal).Select(static p => p.Value.Ref.Cell).ToList();
        }
    }
}
